package org.dockaudit.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.dockaudit.model.Capabilities;
import org.dockaudit.model.TraceResult;
import org.dockaudit.seccomp.Arch;

/**
 * Tells the workload's events from the runtime's. A trace follows the container's shim and
 * everything it forks: runc, runc's init before it calls {@code execve}, hooks, and the workload.
 * Only what runs after runc's init executed the container's program (its entrypoint, or the
 * command of a {@code docker exec}) is the workload's, with everything it forks and executes.
 *
 * <p>A task's life is cut in segments at each fork and exec, and events are counted per segment.
 * Roles are given at the end, when everything known of the container's shim is known (its pid
 * read once the copy started, or the {@code -id} argument of a shim executed during the trace).
 * They are also followed as the events come ({@link Listener}), with what is known then: that is
 * what lets the trace switch off the event of a call once the workload has made it.
 */
final class TaskTree {

    enum Role { OTHER, SHIM, RUNTIME, RUNTIME_INIT, HOOK, WORKLOAD }

    /** A capability asked under some credentials. */
    private record Check(int capability, String credentials) {}

    /**
     * What an exec gave the process: the program's ABI (null when unreadable), raised privileges,
     * and for a containerd shim, the id of the container it runs (its {@code -id} argument), else null.
     */
    record Exec(Arch abi, boolean gainedPrivileges, String shimOf) {}

    /** Told, as the events come, what the workload does for the first time. */
    interface Listener {
        /** The workload made this call (a {@code sys_enter_NAME} event) for the first time. */
        void firstCall(String event);

        /** The workload executed a program of another ABI than the host's: its calls show only as raw events. */
        void otherAbi(Arch abi);

        Listener NONE = new Listener() {
            @Override
            public void firstCall(String event) {}

            @Override
            public void otherAbi(Arch abi) {}
        };
    }

    /** ftrace's names of some calls, from the kernel's SYSCALL_DEFINE, where the call tables say otherwise. */
    private static final Map<String, String> EVENT_NAMES = Map.of("newfstat", "fstat", "newlstat", "lstat", "newstat", "stat",
            "newuname", "uname", "sendfile64", "sendfile", "umount", "umount2");

    // runc re-executes itself as its init: /proc/self/exe, then (1.1+) the sealed copy of its binary as /dev/fd/N.
    private static final Pattern RUNTIME_REEXEC = Pattern.compile("/proc/self/exe|/(dev|proc/self)/fd/\\d+");

    private static final class Segment {
        final int tid;
        final Segment parent;        // the task that forked this one, or that executed into it
        final boolean viaExec;
        final String file;           // what was executed, for an exec segment
        int tgid;
        String command;
        Arch abi;
        boolean gainedPrivileges;
        Role role;
        Role liveRole;
        final Map<Integer, Long> syscalls = new HashMap<>();
        final Map<String, Long> namedSyscalls = new HashMap<>();
        final Map<Integer, Long> refused = new HashMap<>();
        /** Per capability and credentials: granted and refused counts, and the sequence number of the first. */
        final Map<Check, long[]> capabilities = new HashMap<>();

        Segment(int tid, int tgid, Segment parent, boolean viaExec, String file, String command, Arch abi) {
            this.tid = tid;
            this.tgid = tgid;
            this.parent = parent;
            this.viaExec = viaExec;
            this.file = file;
            this.command = command;
            this.abi = abi;
        }
    }

    private final Map<Integer, Segment> live = new HashMap<>();
    private final Map<String, Set<Integer>> shimsByContainer = new HashMap<>();
    private final List<Segment> all = new ArrayList<>();
    private final BiFunction<Integer, String, Exec> execOf;
    private final String runtimeName;
    private final String containerId;
    private final Set<Integer> liveShims = new java.util.HashSet<>();
    private final Set<Integer> liveWorkload;
    private final Set<String> calledByWorkload = new java.util.HashSet<>();
    private final Set<Arch> otherAbis = java.util.EnumSet.noneOf(Arch.class);
    private final Listener listener;
    private long sequence;

    /** A tree for recorded traces: roles at the end only. */
    TaskTree(BiFunction<Integer, String, Exec> execOf, String runtimeName) {
        this(execOf, runtimeName, null, Set.of(), Set.of(), Listener.NONE);
    }

    /**
     * @param execOf what a task that just executed a file got from it, from its pid and the file
     * @param runtimeName the base name of the OCI runtime's binary ({@code runc})
     * @param containerId the container traced: its shim is the one executed with this {@code -id}; null when unknown
     * @param shims the tgids of its shim known before the trace (attach)
     * @param workload the tgids running its workload when the trace began (attach)
     * @param listener told what the workload does for the first time
     */
    TaskTree(BiFunction<Integer, String, Exec> execOf, String runtimeName, String containerId, Set<Integer> shims, Set<Integer> workload,
            Listener listener) {
        this.execOf = execOf;
        this.runtimeName = runtimeName;
        this.containerId = containerId;
        this.liveShims.addAll(shims);
        this.liveWorkload = Set.copyOf(workload);
        this.listener = listener;
    }

    void accept(TraceLine line) {
        sequence++;
        switch (line.kind()) {
            case FORK -> {
                Segment parent = segment(line.tid(), line.tgid());
                Segment child = new Segment(line.otherTid(), line.otherTid(), parent, false, null, line.text(), parent.abi);
                child.liveRole = liveShims.contains(parent.tgid) ? Role.SHIM : parent.liveRole;
                add(child);
            }
            case EXEC -> {
                Segment caller = live.remove(line.otherTid());
                if (caller == null) {
                    caller = segment(line.tid(), line.tgid());
                }
                String file = line.text();
                Exec facts = execOf.apply(line.tid(), file);
                if (facts.shimOf() != null) {
                    shimsByContainer.computeIfAbsent(facts.shimOf(), k -> new java.util.HashSet<>()).add(line.tgid());
                }
                Segment exec = new Segment(line.tid(), line.tgid(), caller, true, file, baseName(file), facts.abi());
                exec.gainedPrivileges = facts.gainedPrivileges();
                if (facts.shimOf() != null && facts.shimOf().equals(containerId)) {
                    liveShims.add(line.tgid());
                    exec.liveRole = Role.SHIM;
                } else {
                    exec.liveRole = afterExec(liveShims.contains(caller.tgid) ? Role.SHIM : caller.liveRole, file);
                }
                add(exec);
                if (exec.liveRole == Role.WORKLOAD && exec.abi != null && exec.abi != Arch.X86_64 && otherAbis.add(exec.abi)) {
                    listener.otherAbi(exec.abi);
                }
            }
            case EXIT -> segment(line.tid(), line.tgid());
            case SYSCALL -> named(segment(line.tid(), line.tgid()), line).syscalls.merge(line.number(), 1L, Long::sum);
            case NAMED_SYSCALL -> {
                Segment segment = named(segment(line.tid(), line.tgid()), line);
                segment.namedSyscalls.merge(line.text(), 1L, Long::sum);
                if (segment.liveRole == Role.WORKLOAD && calledByWorkload.add(line.text())) {
                    listener.firstCall(line.text());
                }
            }
            case REFUSED -> named(segment(line.tid(), line.tgid()), line).refused.merge(line.number(), 1L, Long::sum);
            case CAPABILITY -> {
                long[] counts = named(segment(line.tid(), line.tgid()), line).capabilities.computeIfAbsent(new Check(line.number(), line.text()),
                        k -> new long[] {0, 0, sequence});
                counts[line.result() == 0 ? 0 : 1]++;
            }
            default -> { }
        }
    }

    /** The name a program gives itself shows after its exec (busybox's applets all execute /proc/self/exe). */
    private static Segment named(Segment segment, TraceLine line) {
        if (!line.comm().startsWith("<")) {
            segment.command = line.comm();
        }
        return segment;
    }

    private void add(Segment segment) {
        live.put(segment.tid, segment);
        all.add(segment);
    }

    /** The task's current segment; a task running before the trace began gets one with no parent. */
    private Segment segment(int tid, int tgid) {
        Segment segment = live.get(tid);
        if (segment == null) {
            // A workload process running before the trace: its ABI from its program, as at an exec.
            Arch abi = liveWorkload.contains(tgid) ? execOf.apply(tid, "").abi() : null;
            segment = new Segment(tid, tgid, null, false, null, null, abi);
            segment.liveRole = liveWorkload.contains(tgid) ? Role.WORKLOAD : liveShims.contains(tgid) ? Role.SHIM : Role.OTHER;
            add(segment);
        } else {
            segment.tgid = tgid;
        }
        return segment;
    }

    /** The shims the trace saw started for the container {@code id}: found even when the container exited at once. */
    Set<Integer> shimsOf(String id) {
        return shimsByContainer.getOrDefault(id, Set.of());
    }

    /**
     * The workload's part of the trace.
     *
     * @param shims the tgids of the container's shim: what it starts is the container's
     * @param workload the tgids already running the workload when the trace began (attach), else empty
     * @param bounding the container's bounding set ({@code CAP_SETUID}, ...), or null when unknown
     */
    Workload workload(Set<Integer> shims, Set<Integer> workload, Set<String> bounding) {
        for (Segment segment : all) {
            segment.role = null;
        }
        List<Segment> ours = all.stream().filter(segment -> role(segment, shims, workload) == Role.WORKLOAD).toList();
        // The kernel sometimes checks a capability under credentials other than the task's: overlayfs
        // acts with its mounter's (the daemon's) when the workload creates a directory. A capability
        // granted outside the container's bounding set can only be such a check, and every other
        // check under the same credentials is one too.
        Set<String> foreign = new java.util.HashSet<>();
        if (bounding != null) {
            for (Segment segment : ours) {
                segment.capabilities.forEach((check, counts) -> {
                    if (counts[0] > 0 && !bounding.contains(Capabilities.name(check.capability()))) {
                        foreign.add(check.credentials());
                    }
                });
            }
        }
        Workload result = new Workload(foreign);
        ours.forEach(result::add);
        return result;
    }

    private Role role(Segment segment, Set<Integer> shims, Set<Integer> workload) {
        if (segment.role != null) {
            return segment.role;
        }
        Role role;
        if (segment.parent == null) {
            role = workload.contains(segment.tgid) ? Role.WORKLOAD : shims.contains(segment.tgid) ? Role.SHIM : Role.OTHER;
        } else {
            Role before = shims.contains(segment.parent.tgid) ? Role.SHIM : role(segment.parent, shims, workload);
            role = segment.viaExec ? afterExec(before, segment.file) : before;
        }
        segment.role = role;
        return role;
    }

    private Role afterExec(Role before, String file) {
        String name = baseName(file);
        return switch (before) {
            case SHIM -> name.equals(runtimeName) ? Role.RUNTIME : name.startsWith("containerd-shim") ? Role.SHIM : Role.OTHER;
            case RUNTIME -> RUNTIME_REEXEC.matcher(file).matches() ? Role.RUNTIME_INIT
                    : name.equals(runtimeName) ? Role.RUNTIME : Role.HOOK;
            case RUNTIME_INIT -> RUNTIME_REEXEC.matcher(file).matches() ? Role.RUNTIME_INIT : Role.WORKLOAD;
            case WORKLOAD -> Role.WORKLOAD;
            case HOOK, OTHER -> before;
        };
    }

    private static String baseName(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /** The sums over the workload's segments. */
    static final class Workload {
        private final Set<String> foreign;
        private long foreignChecks;
        private final Map<String, long[]> capabilities = new TreeMap<>();
        private final Map<String, long[]> firstAsker = new HashMap<>();
        private final Map<String, String> firstCommand = new HashMap<>();
        private final Map<Arch, Map<String, Long>> syscalls = new TreeMap<>();
        private final Map<Arch, Map<String, Long>> refused = new TreeMap<>();
        private final List<TraceResult.Process> processes = new ArrayList<>();
        private final Set<Integer> tgids = new java.util.HashSet<>();

        private Workload(Set<String> foreign) {
            this.foreign = foreign;
        }

        /** The name a program gives itself shows after its exec (busybox's applets all execute /proc/self/exe). */
    private static Segment named(Segment segment, TraceLine line) {
        if (!line.comm().startsWith("<")) {
            segment.command = line.comm();
        }
        return segment;
    }

    private void add(Segment segment) {
            Arch abi = segment.abi == null ? Arch.X86_64 : segment.abi;
            tgids.add(segment.tgid);
            if (segment.viaExec) {
                processes.add(new TraceResult.Process(segment.tgid, segment.file, abi.id(), segment.gainedPrivileges));
            }
            if (abi == Arch.X86_64) {
                // The host's own ABI: its calls come as named events; raw ones, when on for a 32-bit
                // program elsewhere in the workload, would count them twice.
                segment.namedSyscalls.forEach((event, count) -> {
                    String name = event.substring("sys_enter_".length());
                    syscalls.computeIfAbsent(abi, k -> new TreeMap<>()).merge(EVENT_NAMES.getOrDefault(name, name), count, Long::sum);
                });
                if (segment.namedSyscalls.isEmpty()) {
                    count(segment.syscalls, abi, syscalls);
                }
            } else {
                count(segment.syscalls, abi, syscalls);
            }
            count(segment.refused, abi, refused);
            segment.capabilities.forEach((check, counts) -> {
                if (foreign.contains(check.credentials())) {
                    foreignChecks += counts[0] + counts[1];
                    return;
                }
                String name = Capabilities.name(check.capability());
                long[] sum = capabilities.computeIfAbsent(name, k -> new long[2]);
                sum[0] += counts[0];
                sum[1] += counts[1];
                long[] first = firstAsker.get(name);
                if (first == null || counts[2] < first[0]) {
                    firstAsker.put(name, new long[] {counts[2], segment.tgid});
                    firstCommand.put(name, segment.command == null ? "?" : segment.command);
                }
            });
        }

        private static void count(Map<Integer, Long> calls, Arch abi, Map<Arch, Map<String, Long>> into) {
            calls.forEach((number, count) -> {
                Arch callAbi = abi == Arch.X86_64 && (number & Arch.X32_SYSCALL_BIT) != 0 ? Arch.X32 : abi;
                String name = callAbi.name(number).orElse("syscall_" + number);
                into.computeIfAbsent(callAbi, k -> new TreeMap<>()).merge(name, count, Long::sum);
            });
        }

        boolean contains(int tgid) {
            return tgids.contains(tgid);
        }

        /** Checks made under credentials that were not the workload's (see {@link TaskTree#workload}). */
        long foreignChecks() {
            return foreignChecks;
        }

        boolean isEmpty() {
            return processes.isEmpty() && syscalls.isEmpty() && capabilities.isEmpty();
        }

        Map<String, TraceResult.CapabilityUse> capabilities() {
            Map<String, TraceResult.CapabilityUse> uses = new TreeMap<>();
            capabilities.forEach((name, counts) -> uses.put(name, new TraceResult.CapabilityUse(counts[0], counts[1],
                    (int) firstAsker.get(name)[1], firstCommand.get(name))));
            return uses;
        }

        Map<String, Map<String, Long>> syscalls() {
            return byAbiName(syscalls);
        }

        /** The calls that returned EPERM, when the trace asked for them (verifying). */
        Map<String, Map<String, Long>> refused() {
            return byAbiName(refused);
        }

        private static Map<String, Map<String, Long>> byAbiName(Map<Arch, Map<String, Long>> calls) {
            Map<String, Map<String, Long>> byAbi = new TreeMap<>();
            calls.forEach((abi, counts) -> byAbi.put(abi.id(), counts));
            return byAbi;
        }

        List<TraceResult.Process> processes() {
            return List.copyOf(processes);
        }
    }
}
