package org.dockaudit.check.host;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** CIS 1.1.11: changes to /etc/docker/daemon.json are audited (see {@link AuditRule}). */
@CheckInfo(
        id = "HST-009",
        title = "No audit rule watches /etc/docker/daemon.json",
        severity = Severity.LOW,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "1.1.11",
        remediation = "Install auditd and add a watch to its rules (`-w PATH -k docker` in `/etc/audit/rules.d/docker.rules`, then"
                + " `augenrules --load`), for each path the evidence names.")
public final class DaemonJsonAudited extends AuditRule {}
