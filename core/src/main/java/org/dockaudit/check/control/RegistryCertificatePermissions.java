package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.8: Registry certificate or key (certs.d) is mode 444 or stricter: whoever can replace them can make the daemon trust a registry they control, and pull their images. */
@CheckInfo(
        id = "FIL-008",
        title = "Registry certificate or key (certs.d) mode looser than 444",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.8",
        remediation = "`chmod 444 PATH` for each path the evidence names.")
public final class RegistryCertificatePermissions extends FilePermissions {

    @Override
    String role() {
        return DaemonFiles.REGISTRY_CERTIFICATES;
    }

    @Override
    int allowed() {
        return 0444;
    }
}
