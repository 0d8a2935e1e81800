package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.4: docker.socket unit is mode 644 or stricter: whoever can change the unit decides who may connect to the socket systemd creates for dockerd. */
@CheckInfo(
        id = "FIL-004",
        title = "docker.socket unit mode looser than 644",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.4",
        remediation = "`chmod 644 PATH` for each path the evidence names (for a unit, the socket's own mode is its `SocketMode=`).")
public final class DockerSocketUnitPermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.DOCKER_SOCKET_UNIT;
    }

    @Override
    int allowed() {
        return 0644;
    }
}
