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
    private record Danger(Severity severity, String why, List<String> gates) {
        Danger(Severity severity, String why, String... gates) {
            this(severity, why, List.of(gates));
        }
    }

    private static final Map<String, Danger> DANGEROUS = new LinkedHashMap<>();

    static {
        Danger modules = new Danger(Severity.CRITICAL, "loads code into the host kernel", "CAP_SYS_MODULE");
        for (String name : List.of("init_module", "finit_module", "delete_module")) {
            DANGEROUS.put(name, modules);
        }
        DANGEROUS.put("kexec_load", new Danger(Severity.CRITICAL, "replaces the running kernel", "CAP_SYS_BOOT"));
        DANGEROUS.put("kexec_file_load", new Danger(Severity.CRITICAL, "replaces the running kernel", "CAP_SYS_BOOT"));
        DANGEROUS.put("bpf", new Danger(Severity.CRITICAL, "eBPF programs: a large kernel attack surface", "CAP_BPF", "CAP_SYS_ADMIN"));
        DANGEROUS.put("open_by_handle_at", new Danger(Severity.CRITICAL, "opens host files by handle (the 'shocker' escape)", "CAP_DAC_READ_SEARCH"));
        Danger mounts = new Danger(Severity.HIGH, "mounts and namespaces: the building blocks of escapes", "CAP_SYS_ADMIN");
        for (String name : List.of("mount", "umount2", "umount", "fsopen", "fsmount", "fsconfig", "move_mount", "open_tree",
                "unshare", "setns", "pivot_root")) {
            DANGEROUS.put(name, mounts);
        }
        Danger tracing = new Danger(Severity.HIGH, "reads and writes other processes' memory", "CAP_SYS_PTRACE");
        for (String name : List.of("ptrace", "process_vm_readv", "process_vm_writev")) {
            DANGEROUS.put(name, tracing);
        }
        DANGEROUS.put("perf_event_open", new Danger(Severity.HIGH, "perf events: kernel attack surface, side channels", "CAP_PERFMON", "CAP_SYS_ADMIN"));
        DANGEROUS.put("userfaultfd", new Danger(Severity.HIGH, "stalls kernel page faults, a staple of kernel exploits"));
        Danger keys = new Danger(Severity.HIGH, "kernel keyrings, not namespaced");
        for (String name : List.of("add_key", "request_key", "keyctl")) {
            DANGEROUS.put(name, keys);
        }
        // Medium: Docker's own default profile allowed io_uring until Engine 25.
        Danger uring = new Danger(Severity.MEDIUM, "io_uring: a large and often exploited kernel surface, refused by Docker's default since 25.0");
        for (String name : List.of("io_uring_setup", "io_uring_enter", "io_uring_register")) {
            DANGEROUS.put(name, uring);
        }
        DANGEROUS.put("reboot", new Danger(Severity.HIGH, "reboots the host", "CAP_SYS_BOOT"));
        Danger clock = new Danger(Severity.HIGH, "sets the host clock, which no namespace isolates", "CAP_SYS_TIME");
        for (String name : List.of("clock_settime", "clock_settime64", "settimeofday", "stime", "adjtimex", "clock_adjtime", "clock_adjtime64")) {
            DANGEROUS.put(name, clock);
        }
        Danger ports = new Danger(Severity.HIGH, "raw I/O ports of the host", "CAP_SYS_RAWIO");
        DANGEROUS.put("iopl", ports);
        DANGEROUS.put("ioperm", ports);
        Danger swap = new Danger(Severity.HIGH, "the host's swap", "CAP_SYS_ADMIN");
        DANGEROUS.put("swapon", swap);
        DANGEROUS.put("swapoff", swap);
        DANGEROUS.put("acct", new Danger(Severity.MEDIUM, "host-wide process accounting", "CAP_SYS_PACCT"));
        DANGEROUS.put("quotactl", new Danger(Severity.MEDIUM, "host file system quotas", "CAP_SYS_ADMIN"));
        DANGEROUS.put("lookup_dcookie", new Danger(Severity.MEDIUM, "kernel object lookups", "CAP_SYS_ADMIN"));
        DANGEROUS.put("syslog", new Danger(Severity.MEDIUM, "the kernel log and its addresses", "CAP_SYSLOG", "CAP_SYS_ADMIN"));
        DANGEROUS.put("name_to_handle_at", new Danger(Severity.MEDIUM, "file handles, the first half of 'shocker'"));
        DANGEROUS.put("vm86", new Danger(Severity.MEDIUM, "legacy virtual 8086 mode"));
        DANGEROUS.put("vm86old", new Danger(Severity.MEDIUM, "legacy virtual 8086 mode"));
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
