package org.dockaudit.check.isolation;

import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

@CheckInfo(
        id = "ISO-005",
        title = "Container shares the host's user namespace: its root is the host's root",
        severity = Severity.MEDIUM,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.31",
        remediation = "Enable user namespace remapping in the daemon (`dockerd --userns-remap=default`, or `userns-remap` in daemon.json) or run Docker rootless; remove `--userns=host` where it is set.")
public final class HostUserNamespace extends HostNamespaceCheck {

    public HostUserNamespace() {
        super("user", "UsernsMode", "--userns");
    }

    /** Without an explicit mode the daemon decides: private only when it remaps users. */
    @Override
    Resolution resolve(ContainerContext container, String mode) {
        if (!mode.isEmpty()) {
            return new Resolution(true, "a private namespace");
        }
        return new HostContext(container.snapshot()).securityOptionsIfKnown()
                .map(options -> options.stream().anyMatch(option -> option.contains("name=userns"))
                        ? new Resolution(true, "and the daemon remaps users (docker info: name=userns)")
                        : new Resolution(false, "and the daemon does not remap users (docker info has no name=userns)"))
                .orElse(new Resolution(null, "and the daemon's userns-remap setting was not collected"));
    }
}
