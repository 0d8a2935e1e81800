package org.dockaudit.check.privileges;

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
 * {@code HostConfig.Privileged} as the engine recorded it: a privileged container has every
 * capability, every host device, no seccomp filter and no MAC confinement, so it fails critical.
 */
@CheckInfo(
        id = "PRIV-001",
        title = "Container runs privileged",
        severity = Severity.CRITICAL,
        area = Area.PROCESS_PRIVILEGES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.5",
        remediation = "Remove `--privileged`; grant only what the workload needs with `--cap-add` and `--device`.")
public final class PrivilegedContainer implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (container.bool("HostConfig", "Privileged")) {
            return Outcome.fail(Severity.CRITICAL, List.of(
                    "HostConfig.Privileged is true (--privileged): every capability, every host device, "
                            + "no seccomp filter and no MAC confinement"))
                    .withFix(CapabilityFix.into(Fix.because("the container runs privileged").removePrivileged(),
                            container).build());
        }
        return Outcome.pass("HostConfig.Privileged is false");
    }
}
