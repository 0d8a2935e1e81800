package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.17: daemon.json belongs to root:root: whoever can change it configures dockerd, which runs as root, at its next start. */
@CheckInfo(
        id = "FIL-017",
        title = "daemon.json not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.17",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class DaemonJsonOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.DAEMON_JSON;
    }
}
