package org.dockaudit.check.isolation;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * The ipc namespace of the container's init against the host's (their inodes, when both were
 * read), else {@code HostConfig.IpcMode}: {@code host} fails.
 */
@CheckInfo(
        id = "ISO-003",
        title = "Container shares the host's IPC namespace",
        severity = Severity.MEDIUM,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.17",
        remediation = "Remove `--ipc=host`; use the default `--ipc private`.")
public final class HostIpcNamespace extends HostNamespaceCheck {

    public HostIpcNamespace() {
        super("ipc", "IpcMode", "--ipc", "ipc");
    }

    @Override
    Resolution resolve(ContainerContext container, String mode) {
        return new Resolution(true, "a private namespace");
    }
}
