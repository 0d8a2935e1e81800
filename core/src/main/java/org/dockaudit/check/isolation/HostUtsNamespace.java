package org.dockaudit.check.isolation;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * The uts namespace of the container's init against the host's (their inodes, when both were
 * read), else {@code HostConfig.UTSMode}: {@code host} fails.
 */
@CheckInfo(
        id = "ISO-004",
        title = "Container shares the host's UTS namespace",
        severity = Severity.LOW,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.21",
        remediation = "Remove `--uts=host`.")
public final class HostUtsNamespace extends HostNamespaceCheck {

    public HostUtsNamespace() {
        super("uts", "UTSMode", "--uts", "uts");
    }

    @Override
    Resolution resolve(ContainerContext container, String mode) {
        return new Resolution(true, "a private namespace");
    }
}
