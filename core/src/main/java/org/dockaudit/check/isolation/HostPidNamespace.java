package org.dockaudit.check.isolation;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * The pid namespace of the container's init against the host's (their inodes, when both were
 * read), else {@code HostConfig.PidMode}: {@code host} fails.
 */
@CheckInfo(
        id = "ISO-001",
        title = "Container shares the host's PID namespace",
        severity = Severity.HIGH,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.16",
        remediation = "Remove `--pid=host`: with it the container sees and signals host processes and can ptrace them.")
public final class HostPidNamespace extends HostNamespaceCheck {

    public HostPidNamespace() {
        super("pid", "PidMode", "--pid", "pid");
    }

    @Override
    Resolution resolve(ContainerContext container, String mode) {
        return new Resolution(true, "a private namespace");
    }
}
