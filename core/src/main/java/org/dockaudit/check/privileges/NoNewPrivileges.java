package org.dockaudit.check.privileges;

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

/**
 * {@code --security-opt no-new-privileges} in the configuration, then the kernel's
 * {@code NoNewPrivs} of every process of a running container: a process without it while the
 * configuration sets it did not come from it (drift: {@code docker exec --privileged}, nsenter).
 */
@CheckInfo(
        id = "PRIV-006",
        title = "Processes may gain privileges (no-new-privileges not set)",
        severity = Severity.MEDIUM,
        area = Area.PROCESS_PRIVILEGES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.26",
        remediation = "Add `--security-opt no-new-privileges` so that setuid binaries and file capabilities grant nothing.")
public final class NoNewPrivileges implements ContainerCheck {

    private static final Fix FIX = Fix.because("setuid programs can raise privileges")
            .add("--security-opt no-new-privileges", "security_opt", List.of("no-new-privileges:true")).build();

    @Override
    public Outcome evaluate(ContainerContext container) {
        boolean configured = container.strings("HostConfig", "SecurityOpt").stream().anyMatch(NoNewPrivileges::enables);
        String configuration = configured
                ? "--security-opt no-new-privileges is set"
                : "HostConfig.SecurityOpt has no no-new-privileges";
        Optional<List<ProcessFacts>> processes = container.processes();
        if (processes.isEmpty()) {
            return configured ? Outcome.pass(configuration) : Outcome.fail(Severity.MEDIUM, List.of(configuration)).withFix(FIX);
        }
        List<String> without = new ArrayList<>();
        for (ProcessFacts process : processes.get()) {
            ProcessStatus status = Facts.status(process);
            if (status.noNewPrivs() == null) {
                return Outcome.unknown("the kernel prints no NoNewPrivs line for pid " + process.pid());
            }
            if (!status.noNewPrivs()) {
                without.add("pid " + process.pid() + " (" + process.command() + ")");
            }
        }
        if (without.isEmpty()) {
            return Outcome.pass(configuration + "; NoNewPrivs is 1 for all " + processes.get().size() + " processes");
        }
        return Outcome.fail(Severity.MEDIUM, List.of(configuration, "NoNewPrivs is 0 for " + String.join(", ", without)
                + (configured ? ": the configuration sets it and these processes lack it, so they did not come from it; likely"
                        + " `docker exec --privileged` or nsenter from the host" : ""))).withFix(FIX);
    }

    /** moby accepts "no-new-privileges", "no-new-privileges:true" and "no-new-privileges=true". */
    static boolean enables(String option) {
        String normalized = option.trim().replace('=', ':');
        return normalized.equals("no-new-privileges") || normalized.equals("no-new-privileges:true");
    }
}
