package org.dockaudit.check.privileges;

import com.fasterxml.jackson.databind.JsonNode;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * CIS 5.23: {@code docker exec --privileged} gives the session every capability, and no seccomp or
 * AppArmor confinement, inside a container that was started without them.
 */
@CheckInfo(
        id = "PRIV-007",
        title = "docker exec --privileged was run in the container",
        severity = Severity.MEDIUM,
        area = Area.PROCESS_PRIVILEGES,
        threats = {Threat.ESCAPE},
        cis = "5.23",
        remediation = "Do not use `docker exec --privileged`: what the session needs belongs in the container's own"
                + " settings, reviewed; restrict it with an authorization plugin where operators share the daemon.")
public final class PrivilegedExec extends ExecSessions {

    @Override
    String offence(JsonNode processConfig, ContainerContext container) {
        return processConfig.path("privileged").asBoolean(false) ? "--privileged" : null;
    }
}
