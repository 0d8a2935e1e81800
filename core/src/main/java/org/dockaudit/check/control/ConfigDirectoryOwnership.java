package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.5: /etc/docker belongs to root:root: whoever can write in it can replace daemon.json and the registry certificates. */
@CheckInfo(
        id = "FIL-005",
        title = "/etc/docker not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.5",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class ConfigDirectoryOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.CONFIG_DIRECTORY;
    }
}
