package org.dockaudit.check.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.model.ProcessFacts;

/**
 * Namespaces shared with another container: the {@code container:} modes of pid, network and ipc,
 * and every namespace inode of the init that another running container also has (the host's
 * excepted: ISO-001 to ISO-006 report those). Partners are named up to five, then counted.
 */
@CheckInfo(
        id = "ISO-007",
        title = "Container shares a namespace with another container",
        severity = Severity.MEDIUM,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Remove `--pid=container:`, `--network=container:` and `--ipc=container:` unless the two "
                + "containers are one trust domain (a debugging sidecar, say) and are audited as one.")
public final class ContainerNamespaceSharing implements ContainerCheck {

    private static final Map<String, String> MODE_FIELDS = Map.of("pid", "PidMode", "net", "NetworkMode", "ipc", "IpcMode");
    private static final Map<String, String> FLAGS = Map.of("pid", "--pid", "net", "--network", "ipc", "--ipc");
    private static final Map<String, String> COMPOSE_KEYS = Map.of("pid", "pid", "net", "network_mode", "ipc", "ipc");
    private static final List<String> OBSERVED_KINDS = List.of("pid", "net", "ipc", "uts", "mnt", "cgroup", "user");

    @Override
    public Outcome evaluate(ContainerContext container) {
        List<String> evidence = new ArrayList<>();
        Fix.Builder fix = Fix.because("the container joins another container's namespaces");
        for (String kind : List.of("pid", "net", "ipc")) {
            String mode = container.string("HostConfig", MODE_FIELDS.get(kind));
            if (mode.startsWith("container:")) {
                String reference = mode.substring("container:".length());
                String other = container.findContainer(reference).map(ContainerContext::describe)
                        .orElse(reference + " (not in the snapshot)");
                evidence.add(FLAGS.get(kind) + "=container:" + reference + ": shares the " + kind + " namespace of " + other);
                // As the user typed it: the container's name, not the 64-hex id the engine stores.
                String named = container.findContainer(reference).map(ContainerContext::name).orElse(reference);
                fix.remove(FLAGS.get(kind) + "=container:" + named, COMPOSE_KEYS.get(kind));
            }
        }
        List<String> observed = observedSharing(container);
        if (!observed.isEmpty() && evidence.isEmpty()) {
            fix.note("the namespace is joined by the other container's flag (or a pod's configuration): remove it there");
        }
        evidence.addAll(observed);
        if (!evidence.isEmpty()) {
            return Outcome.fail(Severity.MEDIUM, evidence).withFix(fix.build());
        }
        return Outcome.pass("no namespace mode names another container"
                + (container.running() ? ", and no namespace inode of its init is another container's" : ""));
    }

    /** Other containers named in one line of evidence; past it, counted. */
    static final int NAMED_SHARERS = 5;

    /** Namespaces whose inode another running container also has, the host's excepted (ISO-001 to 006). */
    private static List<String> observedSharing(ContainerContext container) {
        Optional<Map<String, Long>> own = initNamespaces(container);
        if (own.isEmpty()) {
            return List.of();
        }
        Map<String, Long> host = Facts.ifKnown(container.snapshot().host().namespaces()).orElse(Map.of());
        List<String> found = new ArrayList<>();
        for (String kind : OBSERVED_KINDS) {
            Long inode = own.get().get(kind);
            if (inode == null || inode.equals(host.get(kind))) {
                continue;
            }
            // The partner a container: mode already names is reported once, by that line.
            Optional<String> partner = configuredPartner(container, kind);
            List<ContainerContext> others = container.sharingNamespace(kind, inode).stream()
                    .filter(other -> partner.isEmpty() || !other.id().equals(partner.get()))
                    .toList();
            if (!others.isEmpty()) {
                // Named up to a few: a thousand replicas in one pod would otherwise list each other a million times.
                String named = String.join(", ", others.subList(0, Math.min(NAMED_SHARERS, others.size())).stream()
                        .map(ContainerContext::describe).toList());
                found.add(kind + " namespace inode " + inode + " is also that of " + named
                        + (others.size() > NAMED_SHARERS ? " and " + (others.size() - NAMED_SHARERS) + " more containers" : ""));
            }
        }
        return found;
    }

    /** The id of the container whose namespace of this kind the configuration joins, if any. */
    private static Optional<String> configuredPartner(ContainerContext container, String kind) {
        String field = MODE_FIELDS.get(kind);
        if (field == null) {
            return Optional.empty();
        }
        String mode = container.string("HostConfig", field);
        return mode.startsWith("container:")
                ? container.findContainer(mode.substring("container:".length())).map(ContainerContext::id)
                : Optional.empty();
    }

    private static Optional<Map<String, Long>> initNamespaces(ContainerContext container) {
        try {
            return container.processes()
                    .map(List::getFirst)
                    .map(ProcessFacts::namespaces)
                    .flatMap(Facts::ifKnown);
        } catch (UnknownFactException e) {
            return Optional.empty();
        }
    }
}
