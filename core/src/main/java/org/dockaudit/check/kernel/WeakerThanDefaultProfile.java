package org.dockaudit.check.kernel;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.Policy;

/**
 * The installed filter against Docker's default as runc loads it on x86_64: what it allows that
 * the default does not, and the coverage rates side by side.
 */
@CheckInfo(
        id = "KRN-023",
        title = "Seccomp filter allows more than Docker's default profile",
        severity = Severity.HIGH,
        area = Area.KERNEL_VULNERABILITIES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.22",
        remediation = "Return to Docker's default profile (remove `--security-opt seccomp=...`), or remove from the custom "
                + "profile the syscalls named; the default also opens some of them when a capability is added (`--cap-add`).")
public final class WeakerThanDefaultProfile implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (new HostContext(container.snapshot()).podman() && SeccompAnalysis.daemonDefault(container.snapshot()).isEmpty()) {
            // Docker's default is not the baseline of a Podman container: containers-common's is, read on its host.
            return Outcome.notApplicable("Podman's default profile (containers-common's file, which its info names) was not read: "
                    + container.snapshot().host().engineSeccompProfile().unknown() + "; Docker's is no baseline for Podman, and"
                    + " KRN-020 and KRN-021 judge the filter on its own");
        }
        // The baseline is the container's daemon's builtin profile where it ships, else Docker 20.10's.
        SeccompAnalysis.Analysed baseline = SeccompAnalysis.daemonDefault(container.snapshot()).orElseGet(SeccompAnalysis::reference);
        return SeccompAnalysis.once(container, List.of("KRN-023", SeccompAnalysis.identity(baseline)), analysed -> evaluate(analysed, baseline));
    }

    private static Outcome evaluate(SeccompAnalysis.Analysed analysed, SeccompAnalysis.Analysed daemonDefault) {
        Policy policy = analysed.policy();
        Policy reference = daemonDefault.policy();
        if (!policy.of(Arch.X86_64).admitsAnything()) {
            return Outcome.notApplicable("the reference is Docker's default on x86_64; this filter admits no x86_64 syscall");
        }
        List<String> evidence = new ArrayList<>();
        List<String> rates = new ArrayList<>();
        for (Policy.ArchPolicy arch : policy.arches()) {
            Policy.ArchPolicy baseline = reference.of(arch.arch());
            if (!arch.admitsAnything()) {
                continue;
            }
            rates.add(String.format("%s %.1f%% (default %.1f%%)", arch.arch().id(), 100 * arch.coverage(), 100 * baseline.coverage()));
            if (!baseline.admitsAnything()) {
                evidence.add(arch.arch().id() + ": a whole ABI the default refuses");
                continue;
            }
            List<String> more = new ArrayList<>();
            for (int i = 0; i < arch.rules().size(); i++) {
                Policy.Rule rule = arch.rules().get(i);
                Policy.Rule base = baseline.rules().get(i);
                if (!rule.neverAllowed() && base.neverAllowed()) {
                    more.add(rule.name());
                } else if (rule.alwaysAllowed() && !base.alwaysAllowed() && !base.neverAllowed()) {
                    more.add(rule.name() + " (unrestricted; default: iff " + base.allowCondition() + ")");
                }
            }
            if (!more.isEmpty()) {
                evidence.add(arch.arch().id() + ": " + more.size() + " more: " + String.join(", ", more));
            }
        }
        if (evidence.isEmpty()) {
            return Outcome.pass("allows nothing the daemon's default refuses; coverage " + String.join(", ", rates));
        }
        evidence.add("coverage " + String.join(", ", rates));
        return Outcome.fail(Severity.HIGH, evidence);
    }
}
