package org.dockaudit.check.privileges;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dockaudit.check.Area;
import org.dockaudit.check.CapabilityRisk;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Capabilities;
import org.dockaudit.model.TraceResult;

/**
 * Docker's default capabilities that {@code --cap-drop} leaves: it passes with {@code --cap-drop ALL}
 * or when every default is dropped, and is not applicable to a privileged container (PRIV-001).
 */
@CheckInfo(
        id = "PRIV-003",
        title = "Docker's default capability set kept instead of `--cap-drop ALL`",
        severity = Severity.LOW,
        area = Area.PROCESS_PRIVILEGES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.4",
        remediation = "Add `--cap-drop ALL`, then `--cap-add` only the capabilities the workload uses: "
                + "`dockaudit harden CONTAINER --verify 'CMD' --minimise` traces them and proves the set on a copy.")
public final class DefaultCapabilitiesKept implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (container.bool("HostConfig", "Privileged")) {
            return Outcome.notApplicable("privileged: every capability is granted (PRIV-001)");
        }
        Set<String> dropped = container.strings("HostConfig", "CapDrop").stream()
                .map(Capabilities::canonical)
                .collect(Collectors.toSet());
        if (dropped.contains("ALL")) {
            return Outcome.pass("--cap-drop ALL: only the capabilities added back remain");
        }
        Set<String> kept = new TreeSet<>(DockerDefaults.CAPABILITIES);
        kept.removeAll(dropped);
        if (kept.isEmpty()) {
            return Outcome.pass("every default capability is dropped");
        }
        String names = kept.stream().map(CapabilityRisk::flagName).collect(Collectors.joining(" "));
        Optional<TraceResult> trace = container.trace();
        if (trace.isPresent()) {
            Set<String> used = new TreeSet<>(trace.get().grantedCapabilities());
            used.retainAll(kept);
            Set<String> unused = new TreeSet<>(kept);
            unused.removeAll(used);
            if (unused.isEmpty()) {
                return Outcome.pass("the trace saw every kept default capability granted: " + names);
            }
            return Outcome.fail(Severity.LOW, List.of("keeps " + kept.size() + " default capabilities; its trace (" + trace.get().mode()
                    + ", " + trace.get().seconds() + " s) saw " + (used.isEmpty() ? "none" : used.stream().map(CapabilityRisk::flagName)
                    .collect(Collectors.joining(" "))) + " granted: these " + unused.size() + " are unused: "
                    + unused.stream().map(CapabilityRisk::flagName).collect(Collectors.joining(" "))))
                    .withFix(CapabilityFix.traced(used));
        }
        return Outcome.fail(Severity.LOW, List.of(
                // The count of what is kept, not "of Docker's 14": Podman starts from a set of its own (11).
                "keeps " + kept.size() + " default capabilities without a need shown: " + names)).withFix(CapabilityFix.of(container));
    }
}
