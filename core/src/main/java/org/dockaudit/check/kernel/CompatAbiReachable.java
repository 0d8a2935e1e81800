package org.dockaudit.check.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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

    private static final List<Arch> COMPAT = List.of(Arch.X32, Arch.I386);

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<SeccompAnalysis.Analysed> daemonDefault = SeccompAnalysis.daemonDefault(container.snapshot());
        // What the daemon's default already admits is the daemon's finding (KRN-026), reported once.
        Set<Arch> reportedOnDaemon = daemonDefault.map(analysed -> admittedCompat(analysed.policy())).orElse(Set.of());
        return SeccompAnalysis.once(container, List.of("KRN-021", SeccompAnalysis.identity(daemonDefault)),
                analysed -> evaluate(analysed, reportedOnDaemon));
    }

    private static Set<Arch> admittedCompat(Policy policy) {
        return COMPAT.stream().filter(compat -> policy.of(compat).admitsAnything()).collect(Collectors.toSet());
    }

    /** The compatibility ABIs a filter admits beside x86_64; also for the daemon's default. */
    static Outcome evaluate(SeccompAnalysis.Analysed analysed) {
        return evaluate(analysed, Set.of());
    }

    private static Outcome evaluate(SeccompAnalysis.Analysed analysed, Set<Arch> reportedOnDaemon) {
        Policy policy = analysed.policy();
        if (!policy.of(Arch.X86_64).admitsAnything()) {
            return Outcome.notApplicable("the filter admits no x86_64 syscall: not an x86_64 container");
        }
        List<String> evidence = new ArrayList<>();
        boolean onlyTheDefaults = false;
        for (Arch compat : COMPAT) {
            Policy.ArchPolicy arch = policy.of(compat);
            if (!arch.admitsAnything()) {
                continue;
            }
            if (reportedOnDaemon.contains(compat)) {
                onlyTheDefaults = true;
            } else {
                evidence.add(compat.id() + ": " + (arch.always().size() + arch.conditional().size()) + " syscalls allowed ("
                        + String.format("%.0f%%", 100 * arch.coverage()) + " of the ABI)");
            }
        }
        if (!evidence.isEmpty()) {
            return Outcome.fail(Severity.MEDIUM, evidence).withFix(SeccompAnalysis.OWN_PROFILE);
        }
        return onlyTheDefaults
                ? Outcome.notApplicable("admits no compatibility ABI the daemon's default does not; the default's own are"
                        + " reported once, on the daemon (KRN-026)")
                : Outcome.pass("only the x86_64 ABI is admitted");
    }
}
