package org.dockaudit.check.unabstracted;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;

/**
 * A Windows Server Container (process isolation) is a silo on the host kernel, which Microsoft
 * does not treat as a security boundary; a Hyper-V container has its own kernel.
 */
@CheckInfo(
        id = "WIN-001",
        title = "Windows container with process isolation: not a security boundary",
        severity = Severity.HIGH,
        area = Area.UNABSTRACTED_RESOURCES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Run it with `--isolation=hyperv` (or set `exec-opts: [\"isolation=hyperv\"]` in daemon.json).")
public final class WindowsProcessIsolation implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (!container.string("Platform").equalsIgnoreCase("windows")) {
            return Outcome.notApplicable("a Linux container");
        }
        String isolation = container.string("HostConfig", "Isolation");
        if (isolation.isEmpty() || isolation.equals("default")) {
            String requested = isolation;
            isolation = Facts.ifKnown(container.snapshot().daemon().info())
                    .map(info -> info.path("Isolation").asText(""))
                    .filter(value -> !value.isEmpty())
                    .orElseThrow(() -> new UnknownFactException("HostConfig.Isolation is '" + requested
                            + "' and the daemon's default isolation was not collected"));
        }
        return switch (isolation) {
            case "hyperv" -> Outcome.pass("isolation 'hyperv': a utility VM with its own kernel");
            case "process" -> Outcome.fail(Severity.HIGH, List.of("isolation 'process': a silo sharing the host kernel; "
                    + "Microsoft does not service escapes from it as security issues"))
                    .withFix(Fix.because("process isolation shares the host kernel").add("--isolation=hyperv", "isolation", "hyperv").build());
            default -> throw new UnknownFactException("unrecognised isolation '" + isolation + "'");
        };
    }
}
