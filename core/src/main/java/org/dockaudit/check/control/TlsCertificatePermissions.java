package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.12: Daemon's TLS server certificate is mode 444 or stricter: whoever can replace it can make clients talk to an impostor daemon. */
@CheckInfo(
        id = "FIL-012",
        title = "Daemon's TLS server certificate mode looser than 444",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.12",
        remediation = "`chmod 444 PATH` for each path the evidence names.")
public final class TlsCertificatePermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.TLS_CERTIFICATE;
    }

    @Override
    int allowed() {
        return 0444;
    }
}
