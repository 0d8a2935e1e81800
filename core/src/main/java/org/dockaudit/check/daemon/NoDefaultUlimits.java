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

/** {@code --default-ulimit} on the dockerd command line, else {@code default-ulimits} in daemon.json: none set fails low. */
@CheckInfo(
        id = "DMN-004",
        title = "No default ulimits for containers",
        severity = Severity.LOW,
        area = Area.DAEMON,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "2.8",
        remediation = "Set `default-ulimits` in daemon.json (e.g. `nofile` and `nproc`), or `dockerd --default-ulimit nofile=1024:4096`.")
public final class NoDefaultUlimits implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman()) {
            throw new UnknownFactException("Podman takes its default ulimits from containers.conf ([containers] default_ulimits),"
                    + " which this version does not read");
        }
        Optional<HostContext.Setting> ulimits = host.setting("--default-ulimit", "default-ulimits");
        if (ulimits.isPresent() && !ulimits.get().value().equals("{}")) {
            return Outcome.pass("default ulimits " + String.join(", ", ulimits.get().values()) + " (" + ulimits.get().source() + ")");
        }
        return Outcome.fail(Severity.LOW, List.of("neither --default-ulimit on the dockerd command line nor default-ulimits in "
                + host.daemonConfigPath() + ": containers inherit the daemon's limits"));
    }
}
