package org.dockaudit.check.daemon;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** docker info's {@code LoggingDriver}: {@code none} discards output (medium); {@code json-file} and {@code local} keep logs on the host alone (low); a remote driver passes. */
@CheckInfo(
        id = "DMN-007",
        title = "Container logs kept only on the host, or not at all",
        severity = Severity.MEDIUM,
        area = Area.DAEMON,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "2.13",
        remediation = "Send logs off the host: `--log-driver syslog` (or journald forwarded, gelf, fluentd, awslogs ...) with `log-opts` naming the collector.")
public final class LocalLoggingOnly implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        String driver = host.info().path("LoggingDriver").asText("");
        if (driver.isEmpty()) {
            throw new org.dockaudit.check.UnknownFactException("docker info has no LoggingDriver");
        }
        if (driver.equals("none")) {
            return Outcome.fail(Severity.MEDIUM, List.of("logging driver 'none': container output is discarded, nothing to investigate after an incident"));
        }
        if (List.of("json-file", "local").contains(driver)) {
            return Outcome.fail(Severity.LOW, List.of("logging driver '" + driver + "': logs stay on the host an intruder may control"));
        }
        return Outcome.pass("logging driver '" + driver + "'");
    }
}
