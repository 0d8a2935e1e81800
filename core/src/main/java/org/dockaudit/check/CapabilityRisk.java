package org.dockaudit.check;

import java.util.Map;

/** How grave it is to hold a capability beyond Docker's default, and why. */
public final class CapabilityRisk {

    private record Risk(Severity severity, String why) {}

    private static final Map<String, Risk> RISKS = Map.ofEntries(
            Map.entry("ALL", new Risk(Severity.CRITICAL, "every capability, close to --privileged")),
            Map.entry("CAP_SYS_ADMIN", new Risk(Severity.CRITICAL, "mount, namespaces, cgroup release_agent: the classic escapes")),
            Map.entry("CAP_SYS_MODULE", new Risk(Severity.CRITICAL, "loads kernel modules: code in the host kernel")),
            Map.entry("CAP_DAC_READ_SEARCH", new Risk(Severity.CRITICAL, "open_by_handle_at reads any host file (the 'shocker' escape)")),
            Map.entry("CAP_SYS_RAWIO", new Risk(Severity.CRITICAL, "raw I/O ports and /dev/mem access")),
            Map.entry("CAP_SYS_PTRACE", new Risk(Severity.HIGH, "traces and injects code into reachable processes")),
            Map.entry("CAP_BPF", new Risk(Severity.HIGH, "loads eBPF programs: kernel attack surface")),
            Map.entry("CAP_PERFMON", new Risk(Severity.HIGH, "perf events: kernel attack surface and side channels")),
            Map.entry("CAP_NET_ADMIN", new Risk(Severity.HIGH, "reconfigures interfaces, routes and firewall of its network namespace")),
            Map.entry("CAP_SYS_BOOT", new Risk(Severity.HIGH, "reboot and kexec_load")),
            Map.entry("CAP_SYS_TIME", new Risk(Severity.HIGH, "sets the host clock, which no namespace isolates")),
            Map.entry("CAP_MAC_ADMIN", new Risk(Severity.HIGH, "changes the MAC policy")),
            Map.entry("CAP_MAC_OVERRIDE", new Risk(Severity.HIGH, "bypasses the MAC policy")),
            Map.entry("CAP_SYSLOG", new Risk(Severity.HIGH, "reads the kernel log and kernel addresses")),
            Map.entry("CAP_LINUX_IMMUTABLE", new Risk(Severity.MEDIUM, "removes immutable and append-only flags")),
            Map.entry("CAP_SYS_RESOURCE", new Risk(Severity.MEDIUM, "overrides resource limits: denial of service")),
            Map.entry("CAP_SYS_NICE", new Risk(Severity.MEDIUM, "raises priorities: denial of service")),
            Map.entry("CAP_IPC_LOCK", new Risk(Severity.MEDIUM, "locks memory: denial of service")),
            Map.entry("CAP_AUDIT_CONTROL", new Risk(Severity.MEDIUM, "changes the audit configuration")),
            Map.entry("CAP_WAKE_ALARM", new Risk(Severity.LOW, "sets wake alarms")),
            Map.entry("CAP_BLOCK_SUSPEND", new Risk(Severity.LOW, "blocks system suspend")));

    private CapabilityRisk() {}

    public static Severity severity(String capability) {
        Risk risk = RISKS.get(capability);
        return risk == null ? Severity.MEDIUM : risk.severity();
    }

    /** "CAP_SYS_ADMIN (critical: mount, namespaces, ...)". */
    public static String describe(String capability) {
        Risk risk = RISKS.get(capability);
        return risk == null
                ? capability + " (medium: beyond Docker's default set)"
                : capability + " (" + risk.severity().id() + ": " + risk.why() + ")";
    }

    /** The flag form: {@code CAP_SYS_ADMIN} becomes {@code SYS_ADMIN}. */
    public static String flagName(String capability) {
        return capability.startsWith("CAP_") ? capability.substring(4) : capability;
    }
}
