package org.dockaudit.check.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.ProcessFacts;

/**
 * {@code --security-opt seccomp=unconfined}, or {@code --privileged}, which installs no filter.
 * The kernel's state wins: when every process of a running container holds filters it installed
 * itself, the finding is medium, and KRN-020 analyses those filters.
 */
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
        String cause = unconfined.map(option -> "--security-opt " + option).orElse("--privileged");
        // Each removed as it was typed.
        Fix fix = unconfined.map(option -> Fix.because("no seccomp filter").removeSecurityOpt(option))
                .orElse(Fix.because("--privileged disables seccomp").removePrivileged()).build();
        if (unconfined.isPresent() || container.bool("HostConfig", "Privileged")) {
            // The kernel's state wins: a process may have installed a filter of its own.
            Optional<String> ownFilters = ownFiltersEverywhere(container);
            if (ownFilters.isPresent()) {
                return Outcome.fail(Severity.MEDIUM, List.of(cause + ": the runtime installs no filter, yet every process runs"
                        + " under filters it installed itself (" + ownFilters.get() + "); a process started by `docker exec`"
                        + " gets none, and their policy is the program's, not the profile's (KRN-020 analyses it)")).withFix(fix);
            }
            return Outcome.fail(Severity.HIGH, List.of(cause + (unconfined.isPresent()
                    ? ": no system call filter" : " disables the seccomp filter"))).withFix(fix);
        }
        boolean custom = container.strings("HostConfig", "SecurityOpt").stream().anyMatch(option -> option.replace(':', '=').startsWith("seccomp="));
        return Outcome.pass(custom ? "a custom seccomp profile is configured" : "the engine's default seccomp profile applies");
    }

    /** "pid 1: 1 filter, ..." when every process of a running container holds filters; empty otherwise. */
    private static Optional<String> ownFiltersEverywhere(ContainerContext container) {
        List<ProcessFacts> processes = container.runtime().isPresent() ? container.processes().orElse(List.of()) : List.of();
        if (processes.isEmpty()) {
            return Optional.empty();
        }
        List<String> held = new ArrayList<>();
        for (ProcessFacts process : processes) {
            if (!process.status().known() || !Integer.valueOf(2).equals(process.status().value().seccompMode())) {
                return Optional.empty();
            }
            Integer count = process.status().value().seccompFilters();
            held.add("pid " + process.pid() + ": " + (count == null ? "Seccomp: 2" : count + (count == 1 ? " filter" : " filters")));
        }
        return Optional.of(String.join(", ", held));
    }
}
