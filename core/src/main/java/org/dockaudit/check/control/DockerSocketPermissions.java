package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.16: Docker socket is mode 660 or stricter: connecting to it is root on the host. */
@CheckInfo(
        id = "FIL-016",
        title = "Docker socket mode looser than 660",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.16",
        remediation = "`chmod 660 PATH`, and set it where the socket is created (`SocketMode=0660` in docker.socket, dockerd's `--group`), so that it stays so.")
public final class DockerSocketPermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.DOCKER_SOCKET;
    }

    @Override
    int allowed() {
        return 0660;
    }
}
