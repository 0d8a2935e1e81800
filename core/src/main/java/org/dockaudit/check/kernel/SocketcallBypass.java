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
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.Policy;
import org.dockaudit.seccomp.PolicyDiff;

/**
 * i386 multiplexes socket calls through socketcall(call, args*): the family is behind a pointer
 * seccomp cannot read, so rules on socket()'s family do not hold there.
 */
@CheckInfo(
        id = "KRN-022",
        title = "i386 socketcall allowed while socket() is restricted by family",
        severity = Severity.MEDIUM,
        area = Area.KERNEL_VULNERABILITIES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Run with a profile that denies socketcall on i386, or whose archMap drops SCMP_ARCH_X86 "
                + "(`--security-opt seccomp=profile.json`), so that the family rules on socket() hold.")
public final class SocketcallBypass implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<SeccompAnalysis.Analysed> daemonDefault = SeccompAnalysis.daemonDefault(container.snapshot());
        return SeccompAnalysis.once(container, List.of("KRN-022", SeccompAnalysis.identity(daemonDefault)), analysed -> {
            Outcome own = evaluate(analysed);
            // The daemon's default itself restricting socket() by family (containers-common's does) is its finding, once.
            if (own instanceof Outcome.Fail && daemonDefault.isPresent() && evaluate(daemonDefault.get()) instanceof Outcome.Fail
                    && sameSocketRules(analysed, daemonDefault.get())) {
                return Outcome.notApplicable("the daemon's default profile has this bypass itself: reported once, on the daemon (KRN-026)");
            }
            return own;
        });
    }

    /** Whether two filters decide socket and socketcall alike, however their analyses word the conditions. */
    private static boolean sameSocketRules(SeccompAnalysis.Analysed one, SeccompAnalysis.Analysed other) {
        return PolicyDiff.between(one.programs(), one.policy(), other.programs(), other.policy()).stream()
                .noneMatch(difference -> difference.name().equals("socket") || difference.name().equals("socketcall"));
    }

    /** The bypass in one filter; also for the daemon's default. */
    static Outcome evaluate(SeccompAnalysis.Analysed analysed) {
        Policy policy = analysed.policy();
        Policy.ArchPolicy i386 = policy.of(Arch.I386);
        if (!i386.admitsAnything()) {
            return Outcome.notApplicable("the i386 ABI is refused");
        }
        Policy.Rule socketcall = policy.rule(Arch.I386, Arch.I386.number("socketcall").orElseThrow());
        if (socketcall.neverAllowed()) {
            return Outcome.pass("socketcall is denied on i386");
        }
        for (Arch arch : List.of(Arch.X86_64, Arch.I386)) {
            Policy.Rule socket = policy.rule(arch, arch.number("socket").orElseThrow());
            if (socket != null && !socket.alwaysAllowed() && !socket.neverAllowed()) {
                return Outcome.fail(Severity.MEDIUM, List.of("socket on " + arch.id() + " allowed only iff " + socket.allowCondition()
                        + ", but i386 socketcall is " + (socketcall.alwaysAllowed() ? "always allowed" : "allowed iff " + socketcall.allowCondition())));
            }
        }
        return Outcome.pass("socket() has no family rule that socketcall could bypass");
    }
}
