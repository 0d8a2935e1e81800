package org.dockaudit.check.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.CgroupFacts;
import org.dockaudit.model.RuntimeFacts;

/** The devices cgroup as the kernel enforces it, beyond what the configuration says. */
@CheckInfo(
        id = "DEV-004",
        title = "Devices cgroup allows more than Docker's default",
        severity = Severity.CRITICAL,
        area = Area.DEVICES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Remove `--privileged`, `--device` and `--device-cgroup-rule` flags that grant the "
                + "entries named in the evidence.")
public final class EffectiveDeviceAccess implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<RuntimeFacts> runtime = container.runtime();
        if (runtime.isEmpty()) {
            return Outcome.notApplicable("container is not running");
        }
        CgroupFacts cgroup = Facts.require(runtime.get().cgroup(), "cgroup of the container");
        List<String> rules = Facts.require(cgroup.devices(), "devices cgroup (" + cgroup.version() + ")");
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        for (String rule : rules) {
            if (!DockerDefaults.DEVICE_RULES.contains(rule)) {
                Severity severity = DeviceRule.severity(rule);
                worst = worst.max(severity);
                evidence.add("devices.list allows '" + rule + "' (" + severity.id() + ": " + DeviceRule.describe(rule) + ")");
            }
        }
        return evidence.isEmpty()
                ? Outcome.pass("devices.list has only Docker's " + rules.size() + " default entries")
                : Outcome.fail(worst.max(Severity.LOW), evidence);
    }
}
