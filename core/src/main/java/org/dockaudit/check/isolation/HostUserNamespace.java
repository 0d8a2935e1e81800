package org.dockaudit.check.isolation;

import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * The user namespace of the container's init against the host's, else {@code HostConfig.UsernsMode}
 * and whether the daemon remaps users. A daemon that does not remap is reported once, on the
 * daemon (DMN-001); a container fails only with {@code --userns=host} on a remapping daemon.
 */
@CheckInfo(
        id = "ISO-005",
        title = "Container shares the host's user namespace: its root is the host's root",
        severity = Severity.MEDIUM,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.31",
        remediation = "Remove `--userns=host`: the daemon remaps users, and this container opted out.")
public final class HostUserNamespace extends HostNamespaceCheck {

    public HostUserNamespace() {
        super("user", "UsernsMode", "--userns", "userns_mode");
    }

    @Override
    Optional<String> reportedOnDaemon(ContainerContext container, String mode) {
        if (!mode.isEmpty()) {
            return Optional.empty();
        }
        HostContext host = new HostContext(container.snapshot());
        return host.securityOptionsIfKnown()
                .filter(options -> options.stream().noneMatch(o -> o.contains("name=userns") || o.contains("name=rootless")))
                .map(options -> "the daemon does not remap users, so no container of it does: reported once, on the"
                        + " daemon (DMN-001); only --userns=host on a remapping daemon is this container's own");
    }

    /** Only --userns=host is the container's; remapping itself is the daemon's to turn on. */
    @Override
    Fix fix(ContainerContext container, String mode) {
        Fix.Builder fix = Fix.because("the container shares the host's user namespace");
        if (mode.equals("host")) {
            fix.remove("--userns=host", "userns_mode");
        }
        return fix.note("user namespaces are a daemon setting: enable userns-remap in daemon.json").build();
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
