package org.dockaudit.check.control;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFiles;

/** CIS 3.23: containerd socket belongs to root:root: connecting to it creates containers without going through dockerd, as root. */
@CheckInfo(
        id = "FIL-023",
        title = "containerd socket not owned by root:root",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "3.23",
        remediation = "`chown root:root PATH` for each path the evidence names.")
public final class ContainerdSocketOwnership extends FileOwnership {

    @Override
    String role() {
        return DaemonFiles.CONTAINERD_SOCKET;
    }
}
