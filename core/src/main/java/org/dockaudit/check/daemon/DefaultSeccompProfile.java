package org.dockaudit.check.daemon;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonFacts;

/**
 * docker info's {@code name=seccomp} option: Docker's builtin profile ({@code profile=default}, or
 * {@code builtin} from Docker 23) passes; {@code unconfined}, or no seccomp at all, is high; a
 * custom daemon-wide profile is medium, to review.
 */
@CheckInfo(
        id = "DMN-009",
        title = "Daemon's default seccomp profile disabled or replaced",
        severity = Severity.HIGH,
        area = Area.DAEMON,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "2.17",
        remediation = "Remove `seccomp-profile` from daemon.json (or `--seccomp-profile`) to use Docker's default, or review the custom profile (`dockaudit seccomp diff`).")
public final class DefaultSeccompProfile implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        for (String text : host.securityOptions()) {
            if (text.startsWith("name=seccomp")) {
                if (DaemonFacts.isBuiltinSeccompProfile(text)) {
                    return Outcome.pass("docker info: " + text);
                }
                if (text.contains("profile=unconfined")) {
                    return Outcome.fail(Severity.HIGH, List.of("docker info: " + text + ": containers run without a syscall filter by default"));
                }
                return Outcome.fail(Severity.MEDIUM, List.of("docker info: " + text
                        + ": a custom daemon-wide profile replaces Docker's default; review what it allows"));
            }
        }
        return Outcome.fail(Severity.HIGH, List.of("docker info lists no name=seccomp: the daemon applies no seccomp filter"));
    }
}
