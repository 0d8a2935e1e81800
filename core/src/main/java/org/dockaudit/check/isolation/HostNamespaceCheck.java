package org.dockaudit.check.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.NotApplicableException;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.model.Fact;
import org.dockaudit.model.ProcessFacts;

/**
 * A namespace of the container that must not be the host's. The configuration is read first
 * ({@code --pid=host} and the like); for a running container the namespace inode of its init
 * process is then compared with the host's, which also catches sharing through another
 * container's namespace.
 */
abstract class HostNamespaceCheck implements ContainerCheck {

    private final String kind;
    private final String modeField;
    private final String flag;
    private final String composeKey;

    /** @param composeKey the Compose service key of this mode */
    HostNamespaceCheck(String kind, String modeField, String flag, String composeKey) {
        this.kind = kind;
        this.modeField = modeField;
        this.flag = flag;
        this.composeKey = composeKey;
    }

    /** Leaving the host's namespace: drop {@code --X=host}. */
    Fix fix(ContainerContext container, String mode) {
        return Fix.because("the container shares the host's " + kind + " namespace").remove(flag + "=host", composeKey).build();
    }

    /**
     * What a mode other than {@code host} means when nothing could be observed.
     *
     * @param isPrivate null when that depends on something the snapshot does not settle
     * @param why       the evidence for it
     */
    record Resolution(Boolean isPrivate, String why) {}

    abstract Resolution resolve(ContainerContext container, String mode);

    /**
     * When the container merely has the daemon's default, and that default shares the host's
     * namespace: the daemon check that reports it once. A container is flagged only where it is worse
     * than its daemon's default.
     */
    Optional<String> reportedOnDaemon(ContainerContext container, String mode) {
        return Optional.empty();
    }

    @Override
    public final Outcome evaluate(ContainerContext container) {
        String mode = mode(container);
        List<String> evidence = new ArrayList<>();
        if (mode.equals("host")) {
            evidence.add(flag + "=host (HostConfig." + modeField + ")");
        }
        Optional<Boolean> sharedInode = observedShared(container, evidence);
        if (!evidence.isEmpty() && (mode.equals("host") || sharedInode.orElse(false))) {
            return failUnlessDaemonDefault(container, mode, evidence);
        }
        if (sharedInode.isPresent()) {
            return Outcome.pass(evidence.getFirst());
        }
        Resolution resolution = resolve(container, mode);
        String configured = "HostConfig." + modeField + " is '" + mode + "', " + resolution.why()
                + " (not observed at run time)";
        if (resolution.isPrivate() == null) {
            throw new UnknownFactException(configured);
        }
        return resolution.isPrivate()
                ? Outcome.pass(configured)
                : failUnlessDaemonDefault(container, mode, List.of(configured));
    }

    private Outcome failUnlessDaemonDefault(ContainerContext container, String mode, List<String> evidence) {
        Optional<String> onDaemon = reportedOnDaemon(container, mode);
        if (onDaemon.isPresent()) {
            throw new NotApplicableException(onDaemon.get());
        }
        return Outcome.fail(getClass().getAnnotation(CheckInfo.class).severity(), evidence).withFix(fix(container, mode));
    }

    String mode(ContainerContext container) {
        return container.string("HostConfig", modeField);
    }

    /** Compares inodes when both sides are known; empty when they are not. */
    private Optional<Boolean> observedShared(ContainerContext container, List<String> evidence) {
        Optional<List<ProcessFacts>> processes;
        try {
            processes = container.processes();
        } catch (UnknownFactException e) {
            return Optional.empty();
        }
        Fact<Map<String, Long>> host = container.snapshot().host().namespaces();
        if (processes.isEmpty() || host == null || !host.known() || !processes.get().getFirst().namespaces().known()) {
            return Optional.empty();
        }
        Long own = processes.get().getFirst().namespaces().value().get(kind);
        Long hosts = host.value().get(kind);
        if (own == null || hosts == null) {
            return Optional.empty();
        }
        String reference = container.snapshot().host().namespaceReference();
        if (own.equals(hosts)) {
            evidence.add(kind + " namespace inode " + own + " of pid " + processes.get().getFirst().pid()
                    + " is the host's (reference: " + reference + ")");
            return Optional.of(true);
        }
        evidence.add(kind + " namespace inode " + own + " differs from the host's " + hosts + " (reference: " + reference + ")");
        return Optional.of(false);
    }
}
