package org.dockaudit.check.devices;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Fix;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.CgroupFacts;
import org.dockaudit.model.RuntimeFacts;

/**
 * The devices cgroup as the kernel enforces it, beyond what the configuration says. Under a
 * rootless engine the user namespace, not the cgroup, bounds device access.
 */
@CheckInfo(
        id = "DEV-004",
        title = "Devices cgroup allows more than Docker's default",
        severity = Severity.CRITICAL,
        area = Area.DEVICES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Remove `--privileged`, `--device` and `--device-cgroup-rule` flags that grant the "
                + "entries named in the evidence.")
public final class EffectiveDeviceAccess implements ContainerCheck {

    /** The flags that widen the devices cgroup; none means the entries were written from outside. */
    private static Fix fix(ContainerContext container) {
        Fix.Builder fix = Fix.because("the devices cgroup allows more than Docker's default");
        boolean flagged = false;
        if (container.bool("HostConfig", "Privileged")) {
            fix.removePrivileged();
            flagged = true;
        }
        for (JsonNode device : container.node("HostConfig", "Devices")) {
            String host = device.path("PathOnHost").asText();
            if (!HostDevicesAdded.withinDockerDefault(host)) {
                HostDevicesAdded.removal(fix, host);
                flagged = true;
            }
        }
        for (String rule : container.strings("HostConfig", "DeviceCgroupRules")) {
            DeviceCgroupRules.removal(fix, rule);
            flagged = true;
        }
        return (flagged ? fix : fix.note("no flag of this container grants these entries: something on the host wrote them"
                + " into its devices cgroup; recreating the container resets it")).build();
    }

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<RuntimeFacts> runtime = container.runtime();
        if (runtime.isEmpty()) {
            return Outcome.notApplicable(container.unseen());
        }
        HostContext host = new HostContext(container.snapshot());
        if (host.infoIfKnown().isPresent() && host.rootless()) {
            // Rootless on cgroup v1, the container is not even given a devices cgroup of its own.
            return Outcome.notApplicable("a rootless engine (" + host.rootlessSource().orElseThrow() + "): the container's user"
                    + " namespace belongs to an unprivileged user, so it cannot create device nodes and opens only those mounted"
                    + " in (DEV-001), with that user's rights; the devices cgroup it is in is not the engine's to set");
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
                : Outcome.fail(worst.max(Severity.LOW), evidence).withFix(fix(container));
    }
}
