package org.dockaudit.check.isolation;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * The net namespace of the container's init against the host's (their inodes, when both were
 * read), else {@code HostConfig.NetworkMode}: {@code host} fails.
 */
@CheckInfo(
        id = "ISO-002",
        title = "Container shares the host's network namespace",
        severity = Severity.HIGH,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.10",
        remediation = "Remove `--network=host`; publish only the needed ports with `-p 127.0.0.1:HOST:CONTAINER`.")
public final class HostNetworkNamespace extends HostNamespaceCheck {

    public HostNetworkNamespace() {
        super("net", "NetworkMode", "--network", "network_mode");
    }

    @Override
    Resolution resolve(ContainerContext container, String mode) {
        return new Resolution(true, "a private namespace");
    }
}
