package org.dockaudit.check;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.model.ImageRecord;
import org.dockaudit.model.Snapshot;

/**
 * Runs every check on every target of a snapshot. A check that throws becomes an error outcome
 * for that target alone; the audit goes on.
 */
public final class Auditor {

    private final List<Check> checks;

    public Auditor(List<Check> checks) {
        this.checks = checks;
    }

    public static Auditor withAllChecks() {
        return new Auditor(Checks.all());
    }

    /** Host and daemon checks first, then each container, then each image. */
    public List<CheckResult> audit(Snapshot snapshot) {
        // The one costly fact the checks derive, made for all of them at once on every core.
        org.dockaudit.check.kernel.SeccompAnalysis.prepare(snapshot);
        List<CheckResult> results = new ArrayList<>();
        HostContext host = new HostContext(snapshot);
        for (Check check : checks) {
            // Containers declared in a file have no host yet: only their own settings are judged.
            if (check instanceof HostCheck hostCheck && !snapshot.declared()) {
                results.add(new CheckResult(Checks.info(check), host.target(hostCheck.targetKind()),
                        evaluate(() -> hostCheck.evaluate(host))));
            }
        }
        // Containers are judged on every core, their results kept in snapshot order. Each check reads
        // the snapshot and nothing else; what they share is made once whoever asks first (the
        // seccomp analyses, all prepared above, within the audit's budget, in snapshot order).
        snapshot.containers().parallelStream().map(record -> containerResults(new ContainerContext(record, snapshot)))
                .toList().forEach(results::addAll);
        for (ImageRecord record : snapshot.images()) {
            ImageContext image = new ImageContext(record, snapshot);
            for (Check check : checks) {
                if (check instanceof ImageCheck imageCheck) {
                    results.add(new CheckResult(Checks.info(check), image.target(), evaluate(() -> imageCheck.evaluate(image))));
                }
            }
        }
        return results;
    }

    private List<CheckResult> containerResults(ContainerContext container) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks) {
            if (check instanceof ContainerCheck containerCheck) {
                results.add(new CheckResult(Checks.info(check), container.target(), evaluate(() -> containerCheck.evaluate(container))));
            }
        }
        return results;
    }

    /** Runs one check on one target; an unknown fact or a bug ends that check alone. */
    static Outcome evaluate(java.util.function.Supplier<Outcome> check) {
        try {
            return check.get();
        } catch (UnknownFactException e) {
            return Outcome.unknown(e.getMessage());
        } catch (NotApplicableException e) {
            return Outcome.notApplicable(e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome.Error(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
