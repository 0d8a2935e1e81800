package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.10: Daemon's TLS CA certificate is mode 444 or stricter: whoever can replace it decides which client certificates the daemon accepts, so who drives it. */
@CheckInfo(
        id = "FIL-010",
        title = "Daemon's TLS CA certificate mode looser than 444",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.10",
        remediation = "`chmod 444 PATH` for each path the evidence names.")
public final class TlsCaPermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.TLS_CA;
    }

    @Override
    int allowed() {
        return 0444;
    }
}
