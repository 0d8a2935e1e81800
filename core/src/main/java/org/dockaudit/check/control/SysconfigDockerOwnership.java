package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.22: /etc/sysconfig/docker belongs to root:root: the unit reads OPTIONS from it on RPM-based hosts: whoever can change it changes dockerd's command line. */
@CheckInfo(
        id = "FIL-022",
        title = "/etc/sysconfig/docker not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.22",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class SysconfigDockerOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.SYSCONFIG_DOCKER;
    }
}
