package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.14: Daemon's TLS server key is mode 400 or stricter: whoever can read it can impersonate the daemon to its clients. */
@CheckInfo(
        id = "FIL-014",
        title = "Daemon's TLS server key mode looser than 400",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.14",
        remediation = "`chmod 400 PATH` for each path the evidence names.")
public final class TlsKeyPermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.TLS_KEY;
    }

    @Override
    int allowed() {
        return 0400;
    }

    @Override
    boolean secret() {
        return true;
    }
}
