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

/**
 * {@code --userland-proxy} on the dockerd command line, else {@code userland-proxy} in daemon.json;
 * Docker's default is true. With it, each published port is also served by a {@code docker-proxy}
 * process running as root on the host, one more program between the network and the container,
 * where the kernel's NAT rules alone would do.
 */
@CheckInfo(
        id = "DMN-012",
        title = "The daemon's userland proxy serves published ports",
        severity = Severity.LOW,
        area = Area.DAEMON,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "2.16",
        remediation = "Set `\"userland-proxy\": false` in daemon.json (or `dockerd --userland-proxy=false`): the kernel's"
                + " NAT then forwards published ports, with no root process per port.")
public final class UserlandProxy implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman()) {
            return Outcome.notApplicable("Podman has no docker-proxy: its ports are forwarded by its network backend");
        }
        Optional<HostContext.Setting> setting = host.setting("--userland-proxy", "userland-proxy");
        if (setting.isPresent() && setting.get().value().equals("false")) {
            return Outcome.pass("userland-proxy false (" + setting.get().source() + ")");
        }
        return Outcome.fail(Severity.LOW, List.of(setting.map(value -> "userland-proxy " + value.value() + " (" + value.source() + ")")
                .orElse("userland-proxy is neither on the dockerd command line nor in " + host.daemonConfigPath()
                        + ": Docker's default, true") + ": a docker-proxy process runs as root for each published port"));
    }
}
