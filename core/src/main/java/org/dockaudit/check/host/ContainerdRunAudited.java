package org.dockaudit.check.host;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** CIS 1.1.4: changes to /run/containerd are audited (see {@link AuditRule}). */
@CheckInfo(
        id = "HST-002",
        title = "No audit rule watches /run/containerd",
        severity = Severity.LOW,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "1.1.4",
        remediation = "Install auditd and add a watch to its rules (`-w PATH -k docker` in `/etc/audit/rules.d/docker.rules`, then"
                + " `augenrules --load`), for each path the evidence names.")
public final class ContainerdRunAudited extends AuditRule {}
