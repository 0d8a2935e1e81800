package org.dockaudit.check.daemon;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * docker info's {@code LiveRestoreEnabled}: without it, restarting or upgrading the daemon stops
 * every container. dockerd refuses live restore in swarm mode, where the swarm restarts tasks
 * itself: there the item does not apply.
 */
@CheckInfo(
        id = "DMN-002",
        title = "Live restore off: restarting the daemon stops every container",
        severity = Severity.LOW,
        area = Area.DAEMON,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "2.15",
        remediation = "Set `\"live-restore\": true` in daemon.json (or `dockerd --live-restore`).")
public final class LiveRestoreOff implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman()) {
            return Outcome.notApplicable("Podman runs no daemon its containers depend on: each is watched by its own conmon,"
                    + " and outlives the API service");
        }
        if (host.info().path("Swarm").path("LocalNodeState").asText("").equals("active")) {
            return Outcome.notApplicable("swarm mode is active, and dockerd does not restore containers live in it: the swarm"
                    + " reschedules its tasks");
        }
        if (host.info().path("LiveRestoreEnabled").asBoolean(false)) {
            return Outcome.pass("docker info: LiveRestoreEnabled");
        }
        return Outcome.fail(Severity.LOW, List.of("docker info: LiveRestoreEnabled is false"));
    }
}
