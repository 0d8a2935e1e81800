package org.dockaudit.check.devices;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * Each {@code --device-cgroup-rule}, rated by what it opens: every device ({@code a}, or any major
 * number with read or write) is critical; write access high; read access medium; {@code mknod}
 * alone low.
 */
@CheckInfo(
        id = "DEV-002",
        title = "Device cgroup rules widen device access",
        severity = Severity.CRITICAL,
        area = Area.DEVICES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Remove the `--device-cgroup-rule` flags; if one is needed, name one major:minor pair "
                + "with the least permissions (`--device-cgroup-rule 'c 188:0 r'`).")
public final class DeviceCgroupRules implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        Fix.Builder fix = Fix.because("a device cgroup rule widens device access");
        for (String rule : container.strings("HostConfig", "DeviceCgroupRules")) {
            removal(fix, rule);
            Severity severity = DeviceRule.severity(rule);
            worst = worst.max(severity);
            evidence.add("--device-cgroup-rule '" + rule + "' (" + severity.id() + ": " + DeviceRule.describe(rule) + ")");
        }
        return evidence.isEmpty() ? Outcome.pass("no --device-cgroup-rule") : Outcome.fail(worst, evidence).withFix(fix.build());
    }

    /** Dropping one {@code --device-cgroup-rule}, in the words DEV-002 and DEV-004 share. */
    static Fix.Builder removal(Fix.Builder fix, String rule) {
        return fix.remove("--device-cgroup-rule '" + rule + "'", "device_cgroup_rules: '" + rule + "'");
    }
}
