package org.dockaudit.check.host;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** CIS 1.1.3: changes to the Docker daemon's program (dockerd) are audited (see {@link AuditRule}). */
@CheckInfo(
        id = "HST-001",
        title = "No audit rule watches the Docker daemon's program (dockerd)",
        severity = Severity.LOW,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "1.1.3",
        remediation = "Install auditd and add a watch to its rules (`-w PATH -k docker` in `/etc/audit/rules.d/docker.rules`, then"
                + " `augenrules --load`), for each path the evidence names.")
public final class DockerdAudited extends AuditRule {}
