package org.dockaudit.check.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Fix;
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

    /** The flag that turned the filter off, as typed; with none, the process came from elsewhere. */
    private static Fix fix(ContainerContext container) {
        Fix.Builder fix = Fix.because("processes run without a seccomp filter");
        Optional<String> unconfined = ClaimedProfile.unconfinedOption(container);
        unconfined.ifPresent(option -> fix.removeSecurityOpt(option));
        if (container.bool("HostConfig", "Privileged")) {
            fix.removePrivileged();
        } else if (unconfined.isEmpty()) {
            fix.note("the configuration gives a filter, and these processes run without one: they were likely started with"
                    + " `docker exec --privileged` or entered from the host with nsenter");
        }
        return fix.build();
    }

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<List<ProcessFacts>> processes = container.processes();
        if (processes.isEmpty()) {
            return Outcome.notApplicable(container.unseen());
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
            return Outcome.fail(Severity.HIGH, unfiltered).withFix(fix(container));
        }
        return Outcome.pass("all " + processes.get().size() + " processes run under a seccomp filter (Seccomp: 2"
                + (filters == Integer.MAX_VALUE ? "" : ", at least " + filters + " filter" + (filters > 1 ? "s" : "")) + ")");
    }
}
