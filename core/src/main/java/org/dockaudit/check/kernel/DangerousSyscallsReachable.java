package org.dockaudit.check.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.seccomp.DataTables;
import org.dockaudit.seccomp.Policy;

/** What the filter really installed lets through, among the syscalls container escapes are made of. */
@CheckInfo(
        id = "KRN-020",
        title = "Dangerous system calls reachable through the container's seccomp filter",
        severity = Severity.CRITICAL,
        area = Area.KERNEL_VULNERABILITIES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Drop the capabilities that open these syscalls in Docker's profile (`--cap-drop ALL`), or run with "
                + "a profile that denies them: `--security-opt seccomp=profile.json` (see `dockaudit seccomp diff`).")
public final class DangerousSyscallsReachable implements ContainerCheck {

    /**
     * @param gates capabilities one of which the kernel demands for the harmful use; empty when
     *              none does. Reachable but gated by a capability no process holds rates low.
     */
    /** @param gates capabilities the kernel also demands, any one of them; empty when none */
    private record Danger(Severity severity, String why, List<String> gates) {}

    /** The versioned table {@code dangerous-syscalls.tsv}, in its order (that of the evidence). */
    private static final Map<String, Danger> DANGEROUS = load();

    private static Map<String, Danger> load() {
        Map<String, Danger> dangerous = new LinkedHashMap<>();
        for (String[] row : DataTables.rows(DangerousSyscallsReachable.class, "dangerous-syscalls.tsv")) {
            dangerous.put(row[0], new Danger(Severity.fromId(row[1]), row[3], row[2].equals("-") ? List.of() : List.of(row[2].split(","))));
        }
        return dangerous;
    }

    /** socket() families the kernel implements in little-audited code. */
    // Sorted: the evidence lists them in the same order on every run.
    private static final Map<Long, String> SOCKET_FAMILIES = new java.util.TreeMap<>(Map.of(38L, "AF_ALG", 40L, "AF_VSOCK"));
    private static final long CLONE_NEWUSER = 0x10000000L;

    @Override
    public Outcome evaluate(ContainerContext container) {
        Set<String> held = ClaimedProfile.held(container);
        Optional<SeccompAnalysis.Analysed> daemonDefault = SeccompAnalysis.daemonDefault(container.snapshot());
        return SeccompAnalysis.once(container, List.of("KRN-020", held, SeccompAnalysis.identity(daemonDefault)), analysed -> {
            Outcome own = evaluate(analysed, held);
            if (daemonDefault.isEmpty() || !(own instanceof Outcome.Fail fail)) {
                return own;
            }
            // What the daemon's default already reaches is the daemon's finding (KRN-026), reported once.
            Outcome byDefault = evaluate(daemonDefault.get(), held);
            List<String> already = byDefault instanceof Outcome.Fail defaultFail ? defaultFail.evidence() : List.of();
            List<String> beyond = fail.evidence().stream().filter(line -> !already.contains(line)).toList();
            if (beyond.isEmpty()) {
                return Outcome.notApplicable("reaches no dangerous syscall beyond the daemon's default profile, whose own are"
                        + " reported once, on the daemon (KRN-026)");
            }
            return Outcome.fail(fail.severity(), beyond.stream().map(line -> line + " (beyond the daemon's default)").toList())
                    .withFix(SeccompAnalysis.OWN_PROFILE);
        });
    }

    /** The dangerous syscalls a filter lets through, rated by the capabilities held; also for the daemon's default. */
    static Outcome evaluate(SeccompAnalysis.Analysed analysed, Set<String> held) {
        Policy policy = analysed.policy();
        Map<String, List<String>> reached = new LinkedHashMap<>();
        Severity worst = Severity.INFO;
        for (Policy.ArchPolicy arch : policy.arches()) {
            if (!arch.admitsAnything()) {
                continue;
            }
            for (Policy.Rule rule : arch.rules()) {
                Danger danger = DANGEROUS.get(rule.name());
                if (danger != null && !rule.neverAllowed()) {
                    boolean gated = !danger.gates().isEmpty() && danger.gates().stream().noneMatch(held::contains);
                    Severity severity = gated ? Severity.LOW : danger.severity();
                    worst = worst.max(severity);
                    String why = danger.why() + (gated ? "; but it needs " + String.join(" or ", danger.gates()) + ", which no process holds" : "");
                    reached.computeIfAbsent(rule.name() + " (" + severity.id() + ": " + why + ")", k -> new ArrayList<>())
                            .add(arch.arch().id() + (rule.alwaysAllowed() ? "" : " iff " + rule.allowCondition()));
                }
                if (rule.name().equals("personality") && rule.alwaysAllowed()) {
                    worst = worst.max(Severity.MEDIUM);
                    reached.computeIfAbsent("personality without restriction (medium: READ_IMPLIES_EXEC, ADDR_NO_RANDOMIZE)",
                            k -> new ArrayList<>()).add(arch.arch().id());
                }
                if (rule.name().equals("clone") && !rule.neverAllowed()
                        && analysed.allows(arch.arch(), rule.nr(), Map.of(0, CLONE_NEWUSER))) {
                    worst = worst.max(Severity.HIGH);
                    reached.computeIfAbsent("clone(CLONE_NEWUSER) (high: user namespaces open the rest of the kernel to root-like calls)",
                            k -> new ArrayList<>()).add(arch.arch().id());
                }
                if (rule.name().equals("socket") && !rule.neverAllowed()) {
                    for (Map.Entry<Long, String> family : SOCKET_FAMILIES.entrySet()) {
                        if (analysed.allows(arch.arch(), rule.nr(), Map.of(0, family.getKey()))) {
                            worst = worst.max(Severity.MEDIUM);
                            reached.computeIfAbsent("socket(" + family.getValue() + ") (medium: rarely used kernel socket family)",
                                    k -> new ArrayList<>()).add(arch.arch().id());
                        }
                    }
                }
            }
        }
        if (reached.isEmpty()) {
            return Outcome.pass("no listed dangerous syscall is reachable on " + admitted(policy));
        }
        List<String> evidence = new ArrayList<>();
        reached.forEach((what, where) -> evidence.add(what + ": " + String.join(", ", where)));
        return Outcome.fail(worst, evidence).withFix(SeccompAnalysis.OWN_PROFILE);
    }

    /** Effective capabilities of any process of the container; the configured ones when it does not run. */
    static String admitted(Policy policy) {
        return String.join(", ", policy.arches().stream().filter(Policy.ArchPolicy::admitsAnything).map(a -> a.arch().id()).toList());
    }
}
