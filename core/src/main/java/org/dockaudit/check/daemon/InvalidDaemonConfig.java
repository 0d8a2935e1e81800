package org.dockaudit.check.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.ConfigFile;
import org.dockaudit.model.Json;

/** dockerd refuses to start on a daemon.json it cannot parse: the next restart is an outage. */
@CheckInfo(
        id = "DMN-010",
        title = "daemon.json does not parse: the daemon will not start again",
        severity = Severity.HIGH,
        area = Area.DAEMON,
        threats = {Threat.DENIAL_OF_SERVICE},
        remediation = "Fix the file (`dockerd --validate --config-file /etc/docker/daemon.json` on Docker 23+, "
                + "or `python3 -m json.tool` on the file) before the next restart.")
public final class InvalidDaemonConfig implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        ConfigFile file = Facts.require(host.host().daemonConfig(), "daemon.json");
        if (!file.exists()) {
            return Outcome.pass(file.path() + " does not exist: the daemon uses its defaults and command line");
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(file.content());
            if (parsed == null || !parsed.isObject()) {
                return Outcome.fail(Severity.HIGH, List.of(file.path() + " is not a JSON object"));
            }
            return Outcome.pass(file.path() + " parses");
        } catch (JsonProcessingException e) {
            return Outcome.fail(Severity.HIGH, List.of(file.path() + ": " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
    }
}
