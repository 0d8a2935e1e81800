package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.2: docker.service (or a drop-in) is mode 644 or stricter: whoever can change the unit changes dockerd's command line, which runs as root at its next start. */
@CheckInfo(
        id = "FIL-002",
        title = "docker.service (or a drop-in) mode looser than 644",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.2",
        remediation = "`chmod 644 PATH` for each path the evidence names.")
public final class DockerServicePermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.DOCKER_SERVICE;
    }

    @Override
    int allowed() {
        return 0644;
    }
}
