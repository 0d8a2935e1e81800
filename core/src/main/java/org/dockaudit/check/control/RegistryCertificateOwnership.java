package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.7: Registry certificate or key (certs.d) belongs to root:root: whoever can replace them can make the daemon trust a registry they control, and pull their images. */
@CheckInfo(
        id = "FIL-007",
        title = "Registry certificate or key (certs.d) not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.7",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class RegistryCertificateOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.REGISTRY_CERTIFICATES;
    }
}
