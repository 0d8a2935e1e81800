package org.dockaudit.check.privileges;

import com.fasterxml.jackson.databind.JsonNode;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.Users;

/**
 * CIS 5.24: {@code docker exec --user root} (or {@code 0}, or a name the image maps to uid 0) runs
 * the session as root in a container meant to run as another user. The daemon records a session's
 * user as the container's own when none is given, so a session of a container that runs as root
 * anyway is no override (PRIV-005 reports that container): docker-bench's own {@code docker exec ps}
 * in such a container is not counted against it.
 */
@CheckInfo(
        id = "PRIV-008",
        title = "docker exec --user root was run in the container",
        severity = Severity.LOW,
        area = Area.PROCESS_PRIVILEGES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "5.24",
        remediation = "Run `docker exec` as the container's own user; what needs root belongs in the image or the"
                + " container's settings, reviewed.")
public final class RootExec extends ExecSessions {

    @Override
    String offence(JsonNode processConfig, ContainerContext container) {
        String user = processConfig.path("user").asText("");
        boolean containerRunsAsRoot = Users.isRoot(container.string("Config", "User"), container.imagePasswd());
        return !user.isEmpty() && !containerRunsAsRoot && Users.isRoot(user, container.imagePasswd()) ? "--user " + user : null;
    }
}
