package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.11: Daemon's TLS server certificate belongs to root:root: whoever can replace it can make clients talk to an impostor daemon. */
@CheckInfo(
        id = "FIL-011",
        title = "Daemon's TLS server certificate not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.11",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class TlsCertificateOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.TLS_CERTIFICATE;
    }
}
