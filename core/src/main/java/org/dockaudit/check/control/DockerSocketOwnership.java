package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.15: Docker socket belongs to root:docker: connecting to it is root on the host. */
@CheckInfo(
        id = "FIL-015",
        title = "Docker socket not owned by root:docker",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.15",
        remediation = "`chown root:docker PATH` for each path the evidence names (`root:root` is stricter, and accepted).")
public final class DockerSocketOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.DOCKER_SOCKET;
    }

    /** root's group is stricter than docker's (only root may connect), so it passes too. */
    @Override
    boolean acceptedGroup(int gid, Accounts accounts) {
        return gid == 0 || accounts.groupId("docker").filter(docker -> docker == gid).isPresent();
    }

    @Override
    String expected() {
        return "root:docker";
    }
}
