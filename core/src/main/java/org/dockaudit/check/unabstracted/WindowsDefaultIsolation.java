package org.dockaudit.check.unabstracted;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Facts;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** A Windows daemon's default isolation, from its {@code exec-opts} (command line or daemon.json) else docker info: {@code process} fails medium. */
@CheckInfo(
        id = "WIN-002",
        title = "Windows daemon isolates containers by process by default",
        severity = Severity.MEDIUM,
        area = Area.UNABSTRACTED_RESOURCES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Set `\"exec-opts\": [\"isolation=hyperv\"]` in the Windows daemon.json.")
public final class WindowsDefaultIsolation implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (!host.info().path("OSType").asText("").equalsIgnoreCase("windows")) {
            return Outcome.notApplicable("a Linux daemon");
        }
        String isolation = host.info().path("Isolation").asText("");
        String source = "docker info";
        var configured = Facts.ifKnown(host.host().daemonConfig()).isPresent()
                ? host.setting("--exec-opt", "exec-opts") : java.util.Optional.<HostContext.Setting>empty();
        if (configured.isPresent()) {
            for (String option : configured.get().values()) {
                if (option.startsWith("isolation=")) {
                    isolation = option.substring("isolation=".length());
                    source = configured.get().source();
                }
            }
        }
        if (isolation.equals("process")) {
            return Outcome.fail(Severity.MEDIUM, List.of(source + ": default isolation 'process'"));
        }
        if (isolation.isEmpty()) {
            return Outcome.unknown("the daemon's default isolation is not in docker info");
        }
        return Outcome.pass(source + ": default isolation '" + isolation + "'");
    }
}
