package org.dockaudit.check.daemon;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** docker info's security options: {@code name=userns} (remapping) or {@code name=rootless} pass; without either, uid 0 in a container is uid 0 on the host. */
@CheckInfo(
        id = "DMN-001",
        title = "User namespace remapping off: container root is host root",
        severity = Severity.MEDIUM,
        area = Area.DAEMON,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "2.9",
        remediation = "Enable `userns-remap` (`dockerd --userns-remap=default`, or `\"userns-remap\": \"default\"` in daemon.json), or run Docker rootless.")
public final class UsernsRemapOff implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.rootless()) {
            return Outcome.pass("the daemon runs rootless (" + host.rootlessSource().orElseThrow() + ")");
        }
        if (host.securityOptions().stream().anyMatch(option -> option.contains("name=userns"))) {
            return Outcome.pass("docker info: name=userns");
        }
        return Outcome.fail(Severity.MEDIUM, List.of("docker info has neither name=userns nor name=rootless: "
                + "uid 0 in a container is uid 0 on the host"));
    }
}
