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
 * The storage driver the running daemon uses ({@code Driver} of docker info): aufs is out of the
 * mainline kernel, unmaintained, and was removed from Docker 24; it has had kernel crashes of its
 * own, which take every container down with the host.
 */
@CheckInfo(
        id = "DMN-016",
        title = "The daemon stores images and containers on aufs",
        severity = Severity.MEDIUM,
        area = Area.DAEMON,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE},
        cis = "2.6",
        remediation = "Move the daemon to overlay2 (`\"storage-driver\": \"overlay2\"` in daemon.json): images are pulled"
                + " again and containers created again, so plan it as a migration.")
public final class AufsStorageDriver implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        String driver = host.info().path("Driver").asText("");
        if (driver.isEmpty()) {
            return Outcome.unknown("docker info gives no storage driver");
        }
        if (driver.equals("aufs")) {
            return Outcome.fail(Severity.MEDIUM, List.of("docker info: Driver aufs"));
        }
        return Outcome.pass("storage driver " + driver);
    }
}
