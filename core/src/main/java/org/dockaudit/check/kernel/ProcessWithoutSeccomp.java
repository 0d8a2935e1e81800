package org.dockaudit.check.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.ProcessFacts;
import org.dockaudit.model.ProcessStatus;

/** What the kernel applies, whatever the configuration claims: {@code Seccomp:} of each process. */
@CheckInfo(
        id = "KRN-002",
        title = "Running process without a seccomp filter",
        severity = Severity.HIGH,
        area = Area.KERNEL_VULNERABILITIES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.22",
        remediation = "Recreate the container without `--security-opt seccomp=unconfined` and `--privileged`; "
                + "check that the daemon runs with seccomp support (`docker info` lists name=seccomp).")
public final class ProcessWithoutSeccomp implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<List<ProcessFacts>> processes = container.processes();
        if (processes.isEmpty()) {
            return Outcome.notApplicable("container is not running");
        }
        List<String> unfiltered = new ArrayList<>();
        int filters = Integer.MAX_VALUE;
        for (ProcessFacts process : processes.get()) {
            ProcessStatus status = Facts.status(process);
            if (status.seccompMode() == null) {
                unfiltered.add("pid " + process.pid() + " (" + process.command() + "): no Seccomp line, the kernel lacks seccomp");
            } else if (status.seccompMode() != 2) {
                unfiltered.add("pid " + process.pid() + " (" + process.command() + "): Seccomp " + status.seccompMode()
                        + (status.seccompMode() == 0 ? " (disabled)" : " (strict)"));
            } else if (status.seccompFilters() != null) {
                filters = Math.min(filters, status.seccompFilters());
            }
        }
        if (!unfiltered.isEmpty()) {
            return Outcome.fail(Severity.HIGH, unfiltered);
        }
        return Outcome.pass("all " + processes.get().size() + " processes run under a seccomp filter (Seccomp: 2"
                + (filters == Integer.MAX_VALUE ? "" : ", at least " + filters + " filter" + (filters > 1 ? "s" : "")) + ")");
    }
}
