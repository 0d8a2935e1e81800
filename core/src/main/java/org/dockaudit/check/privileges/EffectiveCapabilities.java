package org.dockaudit.check.privileges;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dockaudit.check.Area;
import org.dockaudit.check.CapabilityRisk;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.kernel.ClaimedProfile;
import org.dockaudit.model.ProcessFacts;
import org.dockaudit.model.ProcessStatus;

/** Reads what the kernel grants each process, which configuration strings can hide. */
@CheckInfo(
        id = "PRIV-004",
        title = "Running processes hold capabilities beyond Docker's default set",
        severity = Severity.CRITICAL,
        area = Area.PROCESS_PRIVILEGES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.4",
        remediation = "Start the container with `--cap-drop ALL` and `--cap-add` only what it uses; "
                + "remove `--privileged` and file capabilities from the image.")
public final class EffectiveCapabilities implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<List<ProcessFacts>> processes = container.processes();
        if (processes.isEmpty()) {
            return Outcome.notApplicable(container.unseen());
        }
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        Set<String> configured = ClaimedProfile.capabilities(container);
        for (ProcessFacts process : processes.get()) {
            ProcessStatus status = Facts.status(process);
            // Drift: capabilities its container's configuration does not give came from elsewhere.
            List<String> unconfigured = status.capabilities().effective().stream()
                    .filter(capability -> !configured.contains(capability) && !container.bool("HostConfig", "Privileged"))
                    .toList();
            if (!unconfigured.isEmpty()) {
                unconfigured.forEach(capability -> evidence.add("pid " + process.pid() + " (" + process.command()
                        + ") holds " + capability + ", which its container's configuration does not give: it was likely"
                        + " started with `docker exec --privileged`, or entered from the host with nsenter"));
                for (String capability : unconfigured) {
                    worst = worst.max(CapabilityRisk.severity(capability));
                }
            }
            List<String> beyond = status.capabilities().effective().stream()
                    .filter(capability -> !DockerDefaults.CAPABILITIES.contains(capability))
                    .toList();
            if (!beyond.isEmpty()) {
                for (String capability : beyond) {
                    worst = worst.max(CapabilityRisk.severity(capability));
                }
                evidence.add("pid " + process.pid() + " (" + process.command() + ", uid " + status.effectiveUid()
                        + ") effective: " + String.join(" ", beyond.stream().map(CapabilityRisk::describe).toList()));
            }
            if (!status.capabilities().ambient().isEmpty()) {
                evidence.add("pid " + process.pid() + " ambient set: " + String.join(" ", status.capabilities().ambient()));
            }
        }
        if (evidence.isEmpty()) {
            return Outcome.pass("the effective capabilities of all " + processes.get().size()
                    + " processes are within the engine's default set");
        }
        return Outcome.fail(worst.max(Severity.LOW), evidence).withFix(CapabilityFix.of(container));
    }
}
