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

/** One fact of the daemon, reported once, instead of ISO-006 on every container that takes the default. */
@CheckInfo(
        id = "DMN-011",
        title = "Containers share the host's cgroup namespace by default",
        severity = Severity.LOW,
        area = Area.DAEMON,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Set `\"default-cgroupns-mode\": \"private\"` in daemon.json (or `--default-cgroupns-mode private`); "
                + "a cgroup v2 host has it by default.")
public final class DefaultHostCgroupNamespace implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        Optional<String> mode = host.defaultCgroupNamespace();
        if (mode.isEmpty()) {
            throw new UnknownFactException("neither daemon.json's default-cgroupns-mode nor docker info's CgroupVersion is known");
        }
        return mode.get().equals("host")
                ? Outcome.fail(Severity.LOW, List.of("containers that do not ask for --cgroupns private see the host's cgroup"
                        + " hierarchy (cgroup v1 default, or default-cgroupns-mode host)"))
                : Outcome.pass("default cgroup namespace: " + mode.get());
    }
}
