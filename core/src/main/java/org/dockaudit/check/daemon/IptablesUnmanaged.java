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
 * {@code --iptables} on the dockerd command line, else {@code iptables} in daemon.json; Docker's
 * default is true. Set to false, dockerd writes no firewall rule: {@code icc=false} no longer keeps
 * containers apart, and what a published port exposes depends on rules written by hand.
 */
@CheckInfo(
        id = "DMN-013",
        title = "The daemon does not manage the firewall (iptables off)",
        severity = Severity.MEDIUM,
        area = Area.DAEMON,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "2.4",
        remediation = "Remove `\"iptables\": false` from daemon.json (and `--iptables=false` from the dockerd command line),"
                + " unless the host's firewall is written for the containers by other means, and checked.")
public final class IptablesUnmanaged implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman()) {
            return Outcome.notApplicable("Podman's firewall rules are its network backend's (netavark or CNI), not a daemon option");
        }
        Optional<HostContext.Setting> setting = host.setting("--iptables", "iptables");
        if (setting.isEmpty() || !setting.get().value().equals("false")) {
            return Outcome.pass(setting.map(value -> "iptables " + value.value() + " (" + value.source() + ")")
                    .orElse("iptables not set: Docker's default, true"));
        }
        return Outcome.fail(Severity.MEDIUM, List.of("iptables false (" + setting.get().source() + "): dockerd writes no firewall"
                + " rule, so icc=false keeps no container apart and published ports rely on rules written by hand"));
    }
}
