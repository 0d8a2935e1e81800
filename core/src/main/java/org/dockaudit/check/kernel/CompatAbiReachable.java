package org.dockaudit.check.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.Policy;

/** The x32 and i386 entry points of an x86_64 kernel are less used, and less reviewed, code. */
@CheckInfo(
        id = "KRN-021",
        title = "Compatibility syscall ABIs (x32, i386) reachable on an x86_64 host",
        severity = Severity.MEDIUM,
        area = Area.KERNEL_VULNERABILITIES,
        threats = {Threat.ESCAPE, Threat.DENIAL_OF_SERVICE},
        remediation = "Use a profile whose archMap keeps only SCMP_ARCH_X86_64 (`--security-opt seccomp=profile.json`) "
                + "unless 32-bit binaries must run.")
public final class CompatAbiReachable implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<SeccompAnalysis.Analysed> daemonDefault = SeccompAnalysis.daemonDefault(container.snapshot());
        return SeccompAnalysis.once(container, List.of("KRN-021", daemonDefault.isPresent()), analysed -> {
            Outcome own = evaluate(analysed);
            if (daemonDefault.isEmpty() || !(own instanceof Outcome.Fail fail)) {
                return own;
            }
            Set<String> defaultAbis = admittedCompat(daemonDefault.get().policy());
            List<String> beyond = fail.evidence().stream()
                    .filter(line -> !defaultAbis.contains(line.substring(0, line.indexOf(':')))).toList();
            return beyond.isEmpty()
                    ? Outcome.notApplicable("admits no compatibility ABI the daemon's default does not; the default's own are"
                            + " reported once, on the daemon (KRN-026)")
                    : Outcome.fail(fail.severity(), beyond);
        });
    }

    static Set<String> admittedCompat(Policy policy) {
        Set<String> abis = new java.util.TreeSet<>();
        for (Arch compat : List.of(Arch.X32, Arch.I386)) {
            if (policy.of(compat).admitsAnything()) {
                abis.add(compat.id());
            }
        }
        return abis;
    }

    /** The compatibility ABIs a filter admits beside x86_64; also for the daemon's default. */
    static Outcome evaluate(SeccompAnalysis.Analysed analysed) {
        Policy policy = analysed.policy();
        if (!policy.of(Arch.X86_64).admitsAnything()) {
            return Outcome.notApplicable("the filter admits no x86_64 syscall: not an x86_64 container");
        }
        List<String> evidence = new ArrayList<>();
        for (Arch compat : List.of(Arch.X32, Arch.I386)) {
            Policy.ArchPolicy arch = policy.of(compat);
            if (arch.admitsAnything()) {
                evidence.add(compat.id() + ": " + (arch.always().size() + arch.conditional().size()) + " syscalls allowed ("
                        + String.format("%.0f%%", 100 * arch.coverage()) + " of the ABI)");
            }
        }
        return evidence.isEmpty() ? Outcome.pass("only the x86_64 ABI is admitted") : Outcome.fail(Severity.MEDIUM, evidence);
    }
}
