package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.19: /etc/default/docker belongs to root:root: the init scripts read DOCKER_OPTS from it: whoever can change it changes dockerd's command line. */
@CheckInfo(
        id = "FIL-019",
        title = "/etc/default/docker not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.19",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class DefaultDockerOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.DEFAULT_DOCKER;
    }
}
