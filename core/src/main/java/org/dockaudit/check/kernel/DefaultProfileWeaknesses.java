package org.dockaudit.check.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.NotApplicableException;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * What the daemon's default seccomp profile lets every container reach: reported once, here, and
 * no longer on each container that runs under it (KRN-020 and KRN-021 report only what a
 * container reaches beyond it, KRN-022 a socketcall bypass the default does not have).
 */
@CheckInfo(
        id = "KRN-026",
        title = "The daemon's default seccomp profile lets dangerous syscalls and compatibility ABIs through",
        severity = Severity.MEDIUM,
        area = Area.KERNEL_VULNERABILITIES,
        threats = {Threat.ESCAPE, Threat.DENIAL_OF_SERVICE},
        remediation = "Give the workloads a profile of their own (`dockaudit seccomp generate`, then `--security-opt "
                + "seccomp=profile.json`), or a stricter daemon-wide one (`seccomp-profile` in daemon.json); a newer Docker "
                + "refuses io_uring by default.")
public final class DefaultProfileWeaknesses implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        Optional<SeccompAnalysis.Analysed> daemonDefault = SeccompAnalysis.daemonDefault(host.snapshot());
        if (daemonDefault.isEmpty()) {
            throw new NotApplicableException("the daemon's default filter is not known here (Docker's builtin profiles of"
                    + " 20.10 and later on x86_64 are shipped; Podman's is read from the file its info names); each container's"
                    + " filter is judged on its own");
        }
        Set<String> defaultCapabilities = SeccompAnalysis.engineCapabilities(host.snapshot());
        List<String> evidence = new ArrayList<>();
        Severity worst = Severity.INFO;
        if (DangerousSyscallsReachable.evaluate(daemonDefault.get(), defaultCapabilities) instanceof Outcome.Fail dangerous) {
            worst = worst.max(dangerous.severity());
            dangerous.evidence().forEach(line -> evidence.add("dangerous syscall: " + line));
        }
        if (CompatAbiReachable.evaluate(daemonDefault.get()) instanceof Outcome.Fail compat) {
            worst = worst.max(compat.severity());
            compat.evidence().forEach(line -> evidence.add("compatibility ABI: " + line));
        }
        if (SocketcallBypass.evaluate(daemonDefault.get()) instanceof Outcome.Fail bypass) {
            worst = worst.max(bypass.severity());
            bypass.evidence().forEach(line -> evidence.add("socketcall bypass: " + line));
        }
        return evidence.isEmpty()
                ? Outcome.pass("the daemon's default profile lets no listed dangerous syscall nor compatibility ABI through")
                : Outcome.fail(worst, evidence);
    }
}
