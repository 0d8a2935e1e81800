package org.dockaudit.check.devices;

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
 * {@code --privileged} mounts the host's /dev and lets the devices cgroup allow every device;
 * what the cgroup really allows is DEV-004's.
 */
@CheckInfo(
        id = "DEV-003",
        title = "Privileged container reaches every host device",
        severity = Severity.CRITICAL,
        area = Area.DEVICES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.5",
        remediation = "Remove `--privileged`; expose only the device needed with `--device PATH:PATH:r`.")
public final class PrivilegedDevices implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (container.bool("HostConfig", "Privileged")) {
            return Outcome.fail(Severity.CRITICAL, List.of(
                    "--privileged: the host's /dev is mounted and the devices cgroup allows 'a *:* rwm'"))
                    .withFix(Fix.because("the container runs privileged").removePrivileged().build());
        }
        return Outcome.pass("not privileged");
    }
}
