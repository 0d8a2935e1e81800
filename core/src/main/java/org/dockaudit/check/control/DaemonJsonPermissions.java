package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.18: daemon.json is mode 644 or stricter: whoever can change it configures dockerd, which runs as root, at its next start. */
@CheckInfo(
        id = "FIL-018",
        title = "daemon.json mode looser than 644",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.18",
        remediation = "`chmod 644 PATH` for each path the evidence names.")
public final class DaemonJsonPermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.DAEMON_JSON;
    }

    @Override
    int allowed() {
        return 0644;
    }
}
