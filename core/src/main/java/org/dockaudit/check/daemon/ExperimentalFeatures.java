package org.dockaudit.check.daemon;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** docker info's {@code ExperimentalBuild}: experimental features on a production daemon fail low. */
@CheckInfo(
        id = "DMN-006",
        title = "Experimental features enabled",
        severity = Severity.LOW,
        area = Area.DAEMON,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "2.18",
        remediation = "Remove `--experimental` (or `\"experimental\": true` in daemon.json) on production hosts.")
public final class ExperimentalFeatures implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman()) {
            return Outcome.notApplicable("Podman's Docker-compatible API says ExperimentalBuild of itself; Podman has no"
                    + " experimental daemon mode to turn off");
        }
        if (host.info().path("ExperimentalBuild").asBoolean(false)) {
            return Outcome.fail(Severity.LOW, List.of("docker info: ExperimentalBuild is true"));
        }
        return Outcome.pass("docker info: ExperimentalBuild is false");
    }
}
