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
 * Whether the daemon runs as root ({@code name=rootless} absent from the SecurityOptions of docker
 * info): a rootful daemon, or anything that escapes a container to it, is root on the host; a
 * rootless one is an unprivileged user, at the cost of some features (host ports below 1024,
 * some network and storage drivers, AppArmor).
 */
@CheckInfo(
        id = "DMN-019",
        title = "The daemon runs as root, not rootless",
        severity = Severity.INFO,
        area = Area.DAEMON,
        threats = {Threat.ESCAPE},
        cis = "2.1",
        remediation = "Where its limits are acceptable, run the daemon rootless (`dockerd-rootless-setuptool.sh install`,"
                + " or rootless Podman); otherwise remap users (DMN-001).")
public final class RootfulDaemon implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        List<String> options = host.securityOptions();
        if (host.rootless()) {
            return Outcome.pass(host.rootlessSource().orElseThrow());
        }
        return Outcome.fail(Severity.INFO, List.of("docker info SecurityOptions without name=rootless: "
                + (options.isEmpty() ? "none" : String.join(", ", options))
                + (host.podman() ? "; Podman's info: host.security.rootless is not true" : "")));
    }
}
