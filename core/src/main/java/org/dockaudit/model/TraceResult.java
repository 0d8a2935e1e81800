package org.dockaudit.model;

import java.util.List;
import java.util.Map;

/**
 * What a container's workload was seen to do: the capabilities the kernel checked for it and the
 * system calls it entered, per ABI. Written by {@code dockaudit trace --format json} and read back
 * by {@code harden --from}; documented in {@code docs/trace.md}.
 *
 * @param container the container traced (name without the leading slash)
 * @param image the image it runs
 * @param mode {@code copy}: a fresh copy traced from its first instruction; {@code attach}: the
 *     running container, from the start of the trace on; {@code strace}: read from strace output
 * @param seconds how long the trace ran
 * @param capabilities every capability checked, by name
 * @param syscalls per ABI ({@code x86_64}, {@code i386}, {@code x32}), the calls entered and how often
 * @param refused per ABI, the calls that returned EPERM: traced only when verifying hardened settings,
 *     where a call outside the seccomp profile returns it
 * @param processes the programs the workload ran, in the order they were started
 * @param lostEvents events the kernel could not keep (the buffer overran): when not 0, the trace is incomplete
 * @param peaks resource peaks of the container's cgroup while traced, when read
 * @param written the paths the workload created or changed outside its mounts ({@code GET /containers/{id}/changes})
 * @param notes what a reader must know to trust the result
 */
public record TraceResult(String container, String image, String mode, double seconds, Map<String, CapabilityUse> capabilities,
        Map<String, Map<String, Long>> syscalls, Map<String, Map<String, Long>> refused, List<Process> processes, long lostEvents, Peaks peaks, List<Change> written, List<String> notes) {

    /** How often the kernel checked one capability for the workload, and the first process that asked. */
    public record CapabilityUse(long granted, long denied, int firstPid, String firstCommand) {}

    /**
     * A program the workload ran: pid in the host's namespace, the file it executed, its ABI, and
     * whether executing it raised the process's privileges (a setuid or setgid file, or file
     * capabilities for a non-root user): what {@code no-new-privileges} forbids.
     */
    public record Process(int pid, String file, String abi, boolean gainedPrivileges) {}

    /** A path the workload changed in the container's own file system: {@code added}, {@code changed} or {@code deleted}. */
    public record Change(String path, String kind) {}

    /** The container cgroup's highest memory use in bytes and task count, or -1 when unread. */
    public record Peaks(long memoryBytes, long pids) {
        public static final Peaks UNKNOWN = new Peaks(-1, -1);
    }

    /** The capabilities the kernel granted at least once: the candidates for {@code --cap-add}. */
    public List<String> grantedCapabilities() {
        return capabilities.entrySet().stream().filter(e -> e.getValue().granted() > 0).map(Map.Entry::getKey).sorted().toList();
    }

    /** The same trace with only its capabilities ({@code trace --caps}). */
    public TraceResult withoutSyscalls() {
        return new TraceResult(container, image, mode, seconds, capabilities, Map.of(), Map.of(), processes, lostEvents, peaks, written, notes);
    }

    /** The same trace with only its system calls ({@code trace --syscalls}). */
    public TraceResult withoutCapabilities() {
        return new TraceResult(container, image, mode, seconds, Map.of(), syscalls, refused, processes, lostEvents, peaks, written, notes);
    }
}
