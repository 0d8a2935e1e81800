package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.9: Daemon's TLS CA certificate belongs to root:root: whoever can replace it decides which client certificates the daemon accepts, so who drives it. */
@CheckInfo(
        id = "FIL-009",
        title = "Daemon's TLS CA certificate not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.9",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class TlsCaOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.TLS_CA;
    }
}
