package org.dockaudit.check.daemon;

import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;

/** {@code --no-new-privileges} on the dockerd command line, else {@code no-new-privileges} in daemon.json: without it, each container must ask for it. */
@CheckInfo(
        id = "DMN-008",
        title = "no-new-privileges is not the daemon's default",
        severity = Severity.LOW,
        area = Area.DAEMON,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "2.14",
        remediation = "Set `\"no-new-privileges\": true` in daemon.json (or `dockerd --no-new-privileges`).")
public final class NoNewPrivilegesDefault implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman()) {
            throw new UnknownFactException("Podman takes no-new-privileges by default from containers.conf ([containers]"
                    + " no_new_privileges), which this version does not read");
        }
        Optional<HostContext.Setting> setting = host.setting("--no-new-privileges", "no-new-privileges");
        if (setting.isPresent() && setting.get().value().equals("true")) {
            return Outcome.pass("no-new-privileges by default (" + setting.get().source() + ")");
        }
        return Outcome.fail(Severity.LOW, List.of("no-new-privileges is neither on the dockerd command line nor in "
                + host.daemonConfigPath() + ": each container must ask for it"));
    }
}
