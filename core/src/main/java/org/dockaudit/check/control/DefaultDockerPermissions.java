package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.20: /etc/default/docker is mode 644 or stricter: the init scripts read DOCKER_OPTS from it: whoever can change it changes dockerd's command line. */
@CheckInfo(
        id = "FIL-020",
        title = "/etc/default/docker mode looser than 644",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.20",
        remediation = "`chmod 644 PATH` for each path the evidence names.")
public final class DefaultDockerPermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.DEFAULT_DOCKER;
    }

    @Override
    int allowed() {
        return 0644;
    }
}
