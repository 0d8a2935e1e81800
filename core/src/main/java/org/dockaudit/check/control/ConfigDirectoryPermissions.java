package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.6: /etc/docker is mode 755 or stricter: whoever can write in it can replace daemon.json and the registry certificates. */
@CheckInfo(
        id = "FIL-006",
        title = "/etc/docker mode looser than 755",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.6",
        remediation = "`chmod 755 PATH` for each path the evidence names.")
public final class ConfigDirectoryPermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.CONFIG_DIRECTORY;
    }

    @Override
    int allowed() {
        return 0755;
    }
}
