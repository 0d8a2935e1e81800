package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.3: docker.socket unit belongs to root:root: whoever can change the unit decides who may connect to the socket systemd creates for dockerd. */
@CheckInfo(
        id = "FIL-003",
        title = "docker.socket unit not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.3",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class DockerSocketUnitOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.DOCKER_SOCKET_UNIT;
    }
}
