package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.1: docker.service (or a drop-in) belongs to root:root: whoever can change the unit changes dockerd's command line, which runs as root at its next start. */
@CheckInfo(
        id = "FIL-001",
        title = "docker.service (or a drop-in) not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.1",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class DockerServiceOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.DOCKER_SERVICE;
    }
}
