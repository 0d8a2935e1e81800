package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.dockaudit.model.Capabilities;
import org.dockaudit.model.DaemonFacts;
import org.dockaudit.model.Fact;
import org.dockaudit.model.Json;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.Emulator;
import org.dockaudit.seccomp.InvalidFilterException;
import org.dockaudit.seccomp.Loader;
import org.dockaudit.seccomp.Profile;
import org.dockaudit.seccomp.ProfileCompiler;
import org.dockaudit.seccomp.SeccompData;

/**
 * Reads a process's seccomp filters only when stopping it is proven harmless ({@link StopSafety});
 * otherwise says why it left the process alone.
 */
public final class FilterReader {

    /** The architecture this JVM, and so the audited host's kernel, runs. */
    public static final Arch NATIVE = switch (System.getProperty("os.arch")) {
        case "aarch64" -> Arch.AARCH64;
        case "riscv64" -> Arch.RISCV64;
        case "ppc64le" -> Arch.PPC64LE;
        case "s390x" -> Arch.S390X;
        default -> Arch.X86_64;
    };

    private final ProcFs proc;

    public FilterReader(ProcFs proc) {
        this.proc = proc;
    }

    /** @param restart what the configuration proves of {@code restart_syscall} for this process */
    public SeccompDumper.Dump read(int pid, StopSafety.RestartSyscall restart) throws SeccompDumper.DumpException {
        if (!proc.exists(pid)) {
            throw new SeccompDumper.DumpException("pid " + pid + ": no such process");
        }
        Fact<ThreadState> thread = proc.threadState(pid);
        if (!thread.known()) {
            throw new SeccompDumper.DumpException("pid " + pid + ": what it is doing cannot be read (" + thread.unknown()
                    + "): not stopped");
        }
        if (thread.value().seccompMode() == 0) {
            // Nothing to read, so no reason to stop it.
            return new SeccompDumper.Dump(List.of(), List.of());
        }
        StopSafety.Verdict verdict = StopSafety.decide(pid, thread.value(), NATIVE, SeccompDumper.READS_REGISTERS, restart);
        if (verdict instanceof StopSafety.Harmful harmful) {
            throw new SeccompDumper.DumpException(harmful.reason() + "; filter not read");
        }
        return SeccompDumper.dump(pid, thread.value().syscall());
    }

    /**
     * A running container's init, as the audit and the command line both read it: never while it
     * is paused (its frozen init cannot stop), else stopped only when its configuration or what it
     * is blocked in proves the stop harmless.
     *
     * @param filterCount the filters its status lists, or null when unknown
     */
    public SeccompDumper.Dump readInit(JsonNode inspect, JsonNode securityOptions, Integer filterCount)
            throws SeccompDumper.DumpException {
        if (inspect.path("State").path("Paused").asBoolean(false)) {
            throw new SeccompDumper.DumpException("container is paused: its frozen init cannot stop for a ptrace read; filter not read");
        }
        return read(inspect.path("State").path("Pid").asInt(), restartSyscall(inspect, securityOptions, filterCount));
    }

    /**
     * What a container's configuration proves of {@code restart_syscall} for its init, which holds
     * {@code filterCount} filters. Only one filter can be the one runc installed from the profile:
     * with more, the process stacked its own and nothing is proven.
     *
     * @param inspect        the container's inspect document
     * @param securityOptions docker info's {@code SecurityOptions}, or null when unknown
     */
    static StopSafety.RestartSyscall restartSyscall(JsonNode inspect, JsonNode securityOptions, Integer filterCount) {
        if (filterCount == null || filterCount != 1 || inspect.path("HostConfig").path("Privileged").asBoolean(false)) {
            return StopSafety.RestartSyscall.UNKNOWN;
        }
        String seccompOption = null;
        for (JsonNode option : inspect.path("HostConfig").path("SecurityOpt")) {
            String text = option.asText();
            if (text.startsWith("seccomp=") || text.startsWith("seccomp:")) {
                seccompOption = text.substring("seccomp=".length());
            }
        }
        if (seccompOption == null) {
            return builtinDefault(securityOptions) ? StopSafety.RestartSyscall.ALLOWED : StopSafety.RestartSyscall.UNKNOWN;
        }
        if (!seccompOption.startsWith("{")) {
            return StopSafety.RestartSyscall.UNKNOWN;
        }
        try {
            JsonNode profile = Json.MAPPER.readTree(seccompOption);
            // The capabilities decide which entries apply: proven only if both extremes agree.
            boolean withNone = allowsRestart(profile, Set.of());
            boolean withAll = allowsRestart(profile, Set.copyOf(Capabilities.all(40)));
            if (withNone != withAll) {
                return StopSafety.RestartSyscall.UNKNOWN;
            }
            return withNone ? StopSafety.RestartSyscall.ALLOWED : StopSafety.RestartSyscall.DENIED;
        } catch (Exception e) {
            return StopSafety.RestartSyscall.UNKNOWN;
        }
    }

    /** Docker's built-in default profile, which every version has let restart_syscall through. */
    private static boolean builtinDefault(JsonNode securityOptions) {
        if (securityOptions == null) {
            return false;
        }
        for (JsonNode option : securityOptions) {
            if (DaemonFacts.isBuiltinSeccompProfile(option.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowsRestart(JsonNode profile, Set<String> capabilities) throws InvalidFilterException {
        // Whether a named call is allowed does not depend on the engine's version: any loader will do.
        var program = ProfileCompiler.compile(Profile.resolve(profile, capabilities, Loader.current(NATIVE, null)));
        int restart = NATIVE.number("restart_syscall").orElseThrow();
        return Emulator.runAll(List.of(program), new SeccompData(restart, NATIVE.audit(), 0, new long[6])).allows();
    }
}
