package org.dockaudit.check;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.Snapshot;

/**
 * Runs every check on every target of a snapshot. A check that throws becomes an error outcome
 * for that target alone; the audit goes on.
 */
public final class Auditor {

    private final List<ContainerCheck> containerChecks;

    public Auditor(List<ContainerCheck> containerChecks) {
        this.containerChecks = containerChecks;
    }

    public static Auditor withAllChecks() {
        return new Auditor(Checks.container());
    }

    public List<CheckResult> audit(Snapshot snapshot) {
        List<CheckResult> results = new ArrayList<>();
        for (ContainerRecord record : snapshot.containers()) {
            ContainerContext container = new ContainerContext(record, snapshot);
            for (ContainerCheck check : containerChecks) {
                results.add(new CheckResult(Checks.info(check), container.target(), evaluate(check, container)));
            }
        }
        return results;
    }

    static Outcome evaluate(ContainerCheck check, ContainerContext container) {
        try {
            return check.evaluate(container);
        } catch (UnknownFactException e) {
            return Outcome.unknown(e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome.Error(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
