package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.13: Daemon's TLS server key belongs to root:root: whoever can read it can impersonate the daemon to its clients. */
@CheckInfo(
        id = "FIL-013",
        title = "Daemon's TLS server key not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.13",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class TlsKeyOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.TLS_KEY;
    }
}
