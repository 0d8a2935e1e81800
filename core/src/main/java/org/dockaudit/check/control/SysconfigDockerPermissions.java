package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.21: /etc/sysconfig/docker is mode 644 or stricter: the unit reads OPTIONS from it on RPM-based hosts: whoever can change it changes dockerd's command line. */
@CheckInfo(
        id = "FIL-021",
        title = "/etc/sysconfig/docker mode looser than 644",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.21",
        remediation = "`chmod 644 PATH` for each path the evidence names.")
public final class SysconfigDockerPermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.SYSCONFIG_DOCKER;
    }

    @Override
    int allowed() {
        return 0644;
    }
}
