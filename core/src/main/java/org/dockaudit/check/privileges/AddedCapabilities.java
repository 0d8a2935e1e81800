package org.dockaudit.check.privileges;

import java.util.ArrayList;
import java.util.List;
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

/**
 * The capabilities {@code --cap-add} names beyond Docker's default set, each rated by what it opens
 * (the capability-risk table: SYS_ADMIN, SYS_MODULE, DAC_READ_SEARCH critical ...); the finding
 * takes the highest. What the processes really hold is PRIV-004's.
 */
@CheckInfo(
        id = "PRIV-002",
        title = "Capabilities added beyond Docker's default set",
        severity = Severity.CRITICAL,
        area = Area.PROCESS_PRIVILEGES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.4",
        remediation = "Remove the `--cap-add` flags named in the evidence; keep one only if the workload cannot run without it.")
public final class AddedCapabilities implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        List<String> added = container.strings("HostConfig", "CapAdd").stream()
                .map(Capabilities::canonical)
                .filter(capability -> !DockerDefaults.CAPABILITIES.contains(capability))
                .distinct()
                .toList();
        if (added.isEmpty()) {
            return Outcome.pass("no capability added beyond the engine's default set (HostConfig.CapAdd)");
        }
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        StringBuilder flags = new StringBuilder();
        for (String capability : added) {
            worst = worst.max(CapabilityRisk.severity(capability));
            evidence.add("--cap-add " + CapabilityRisk.flagName(capability) + ": " + CapabilityRisk.describe(capability));
            flags.append(flags.isEmpty() ? "" : " ").append("`--cap-add ").append(CapabilityRisk.flagName(capability)).append('`');
        }
        return Outcome.fail(worst, evidence, "Remove " + flags
                + "; if the workload really needs one, keep it alone after `--cap-drop ALL`.").withFix(CapabilityFix.of(container));
    }
}
