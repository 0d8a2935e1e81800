package org.dockaudit.check.daemon;

import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.NotApplicableException;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * {@code --cgroup-parent} of dockerd, else {@code cgroup-parent} of daemon.json: every container is
 * then counted and limited under that parent instead of Docker's own ({@code docker}, or
 * {@code system.slice} with systemd); the limits the host sets there are not the engine's to know,
 * so the choice must be confirmed (docker-bench-security warns when it is set at all).
 */
@CheckInfo(
        id = "DMN-017",
        title = "The daemon puts every container under a cgroup parent of its choosing",
        severity = Severity.INFO,
        area = Area.DAEMON,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "2.10",
        remediation = "Keep `--cgroup-parent` (or `cgroup-parent` in daemon.json) only for a parent the host limits on purpose,"
                + " and confirm its memory, CPU and pids limits; otherwise drop it.")
public final class DefaultCgroupParent implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman()) {
            throw new NotApplicableException("Podman has no daemon-wide cgroup parent setting of dockerd's kind (containers.conf's cgroup_manager)");
        }
        Optional<HostContext.Setting> parent = host.setting("--cgroup-parent", "cgroup-parent");
        if (parent.isEmpty()) {
            return Outcome.pass("no --cgroup-parent: Docker's own parent");
        }
        return Outcome.fail(Severity.INFO, List.of("cgroup parent " + parent.get().value() + " (" + parent.get().source()
                + "): confirm the limits the host sets there"));
    }
}
