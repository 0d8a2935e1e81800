package org.dockaudit.check.kernel;

import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

@CheckInfo(
        id = "KRN-001",
        title = "Seccomp disabled by the container's configuration",
        severity = Severity.HIGH,
        area = Area.KERNEL_VULNERABILITIES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.22",
        remediation = "Remove `--security-opt seccomp=unconfined` (and `--privileged`, which also disables seccomp); "
                + "if a syscall is missing, use a custom profile: `--security-opt seccomp=profile.json`.")
public final class SeccompDisabled implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<String> unconfined = ClaimedProfile.unconfinedOption(container);
        if (unconfined.isPresent()) {
            return Outcome.fail(Severity.HIGH, List.of("--security-opt " + unconfined.get() + ": no system call filter"));
        }
        if (container.bool("HostConfig", "Privileged")) {
            return Outcome.fail(Severity.HIGH, List.of("--privileged disables the seccomp filter"));
        }
        boolean custom = container.strings("HostConfig", "SecurityOpt").stream().anyMatch(option -> option.replace(':', '=').startsWith("seccomp="));
        return Outcome.pass(custom ? "a custom seccomp profile is configured" : "Docker's default seccomp profile applies");
    }
}
