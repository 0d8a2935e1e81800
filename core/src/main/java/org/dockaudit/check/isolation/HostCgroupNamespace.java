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
 * The cgroup namespace of the container's init against the host's, else {@code HostConfig.CgroupnsMode}.
 * The host's namespace as the daemon's default (cgroup v1) is reported once, on the daemon
 * (DMN-011); a container fails only where it is worse than that default.
 */
@CheckInfo(
        id = "ISO-006",
        title = "Container shares the host's cgroup namespace",
        severity = Severity.LOW,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Add `--cgroupns private` (the default on cgroup v2 hosts).")
public final class HostCgroupNamespace extends HostNamespaceCheck {

    public HostCgroupNamespace() {
        super("cgroup", "CgroupnsMode", "--cgroupns", "cgroup");
    }

    /** Engines before API 1.41 leave the mode out; the default then follows the host's cgroup version. */
    @Override
    String mode(ContainerContext container) {
        return container.inspect().path("HostConfig").has("CgroupnsMode") ? super.mode(container) : "";
    }

    @Override
    Optional<String> reportedOnDaemon(ContainerContext container, String mode) {
        Optional<String> byDefault = new HostContext(container.snapshot()).defaultCgroupNamespace();
        boolean atDefault = mode.isEmpty() || byDefault.map(mode::equals).orElse(false);
        return byDefault.filter(defaultMode -> atDefault && defaultMode.equals("host"))
                .map(defaultMode -> "the daemon's default cgroup namespace is the host's (cgroup v1): reported once, on the"
                        + " daemon (DMN-011)");
    }

    @Override
    Fix fix(ContainerContext container, String mode) {
        return Fix.because("the container shares the host's cgroup namespace").add("--cgroupns private", "cgroup", "private").build();
    }

    @Override
    Resolution resolve(ContainerContext container, String mode) {
        return mode.equals("private")
                ? new Resolution(true, "a private namespace")
                : new Resolution(null, "the daemon's default, which depends on the host's cgroup version");
    }
}
