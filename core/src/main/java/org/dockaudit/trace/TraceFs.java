package org.dockaudit.trace;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dockaudit.collect.ProcFs;
import org.dockaudit.collect.SystemCalls;

/**
 * A private tracing instance of tracefs ({@code instances/dockaudit-PID}): its own buffer, pid
 * filter and enabled events, so the global trace settings, and any other user of tracefs, are
 * never touched. Closing it turns it off and removes it; an instance left by a run that was
 * killed is recognised by its name (its pid no longer runs dockaudit) and removed at the next start.
 * When tracefs is not mounted, it is mounted for the trace and unmounted after.
 */
public final class TraceFs implements AutoCloseable {

    static final String PREFIX = "dockaudit-";
    private static final Pattern INSTANCE = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)");
    /** The events a trace keeps on from start to end. */
    private static final List<String> EVENTS = List.of("capability/cap_capable", "sched/sched_process_fork", "sched/sched_process_exec",
            "sched/sched_process_exit");
    /**
     * The tracepoints the kernel must have: those, one {@code syscalls/sys_enter_NAME} per system
     * call (switched off once the workload made it, see {@link #enable}; {@code sys_enter_read}
     * stands for them), and {@code raw_syscalls/sys_enter} for 32-bit programs.
     */
    private static final List<String> REQUIRED = java.util.stream.Stream.concat(EVENTS.stream(),
            java.util.stream.Stream.of("raw_syscalls/sys_enter", "syscalls/sys_enter_read")).toList();

    private static final long MOUNT = SystemCalls.number("mount"), UMOUNT2 = SystemCalls.number("umount2");

    private final Path tracing;
    private final Path instance;
    private final boolean mountedHere;
    private final Consumer<String> info;
    private final Cleanups.Handle removal;

    private TraceFs(Path tracing, Path instance, boolean mountedHere, Consumer<String> info) {
        this.tracing = tracing;
        this.instance = instance;
        this.mountedHere = mountedHere;
        this.info = info;
        this.removal = Cleanups.register(this::remove);
    }

    /**
     * Creates this process's instance under {@code tracing} (normally {@code /sys/kernel/tracing}),
     * after removing those of killed runs; {@code info} is told what was mounted or removed.
     */
    public static TraceFs open(Path tracing, Consumer<String> info) throws TraceException {
        if (!effectiveRoot()) {
            throw new TraceException(TraceException.Cause.HOST, "tracing needs root: tracefs and the kernel's tracepoints are root's");
        }
        boolean mounted = false;
        if (!Files.isDirectory(tracing.resolve("instances"))) {
            mount(tracing);
            mounted = true;
            info.accept("mounted tracefs at " + tracing + " for the trace (unmounted after)");
        }
        try {
            for (String event : REQUIRED) {
                if (!Files.isDirectory(tracing.resolve("events").resolve(event))) {
                    throw new TraceException(TraceException.Cause.HOST, "this kernel has no tracepoint " + event.replace('/', ':')
                            + " (" + tracing.resolve("events").resolve(event) + " is missing)");
                }
            }
            removeLeftovers(tracing.resolve("instances"), info);
            Path instance = tracing.resolve("instances").resolve(PREFIX + ProcessHandle.current().pid());
            try {
                Files.createDirectory(instance);
            } catch (IOException e) {
                throw new TraceException(TraceException.Cause.HOST, "cannot create the tracing instance " + instance + ": " + e.getMessage());
            }
            return new TraceFs(tracing, instance, mounted, info);
        } catch (TraceException e) {
            if (mounted) {
                unmount(tracing);
            }
            throw e;
        }
    }

    /** The instances of runs that no longer run: their pid is gone or is no dockaudit. */
    static void removeLeftovers(Path instances, Consumer<String> info) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(instances, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher name = INSTANCE.matcher(entry.getFileName().toString());
                if (name.matches() && !runsDockaudit(Long.parseLong(name.group(1)))) {
                    try {
                        Files.delete(entry);
                        info.accept("removed the tracing instance " + entry + " left by a dockaudit run that was killed");
                    } catch (IOException e) {
                        info.accept("cannot remove the leftover tracing instance " + entry + ": " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            info.accept("cannot list " + instances + ": " + e.getMessage());
        }
    }

    /** Whether {@code pid} is a running dockaudit (its command line names this program's main class or jar). */
    public static boolean runsDockaudit(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine())
                .map(line -> line.contains("dockaudit")).orElse(false);
    }

    private static boolean effectiveRoot() {
        return new ProcFs(Path.of("/")).status((int) ProcessHandle.current().pid(), 63).map(status -> status.effectiveUid() == 0)
                .orElse(false);
    }

    /**
     * Enables the events, following forks, with a buffer of {@code kilobytes} per CPU: capability
     * checks, forks, execs and exits, and one event per system call. Recording every call of a
     * busy loop costs it more than the call itself (twice the time of a one-byte read); an event
     * switched off once the workload made its call costs nearly nothing ({@code bench/trace.sh}
     * measures both). With {@code refusals}, also the calls that return EPERM: what a seccomp
     * profile refuses returns it, and no {@code sys_enter} shows the call (the filter runs before).
     */
    public void enable(int kilobytes, boolean refusals) throws TraceException {
        write("tracing_on", "0");
        write("buffer_size_kb", Integer.toString(kilobytes));
        write("options/event-fork", "1");
        write("options/record-tgid", "1");
        // A full buffer drops the newest events, not the oldest: a trace is about what starts first.
        write("options/overwrite", "0");
        for (String event : EVENTS) {
            write("events/" + event + "/enable", "1");
        }
        try (DirectoryStream<Path> calls = Files.newDirectoryStream(instance.resolve("events/syscalls"), "sys_enter_*")) {
            for (Path call : calls) {
                write("events/syscalls/" + call.getFileName() + "/enable", "1");
            }
        } catch (IOException e) {
            throw new TraceException(TraceException.Cause.HOST, "cannot list " + instance.resolve("events/syscalls") + ": " + e.getMessage());
        }
        if (refusals) {
            write("events/raw_syscalls/sys_exit/filter", "ret == -1");
            write("events/raw_syscalls/sys_exit/enable", "1");
        }
    }

    /** Switches off the event of one system call ({@code sys_enter_read}): the workload's use of it is known. */
    public void seen(String event) {
        try {
            write("events/syscalls/" + event + "/enable", "0");
        } catch (TraceException e) {
            // Left on: the trace costs the workload more, and says nothing less.
        }
    }

    /**
     * Records every call of every followed task by number: the per-call events do not fire for a
     * 32-bit program's calls (the kernel leaves compat calls out of them), so a workload that runs
     * one needs these.
     */
    public void recordEveryCall() throws TraceException {
        write("events/raw_syscalls/sys_enter/enable", "1");
    }

    /** Adds tasks to the instance's pid filter; their children are added by the kernel as they fork. */
    public void follow(Collection<Integer> tids) throws TraceException {
        try {
            Files.writeString(instance.resolve("set_event_pid"),
                    tids.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "\n", StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new TraceException(TraceException.Cause.HOST, "cannot write " + instance.resolve("set_event_pid") + ": " + e.getMessage());
        }
    }

    public void on() throws TraceException {
        write("tracing_on", "1");
    }

    public void off() {
        try {
            write("tracing_on", "0");
        } catch (TraceException e) {
            // Removing the instance stops it too.
        }
    }

    /** Disables every event of the instance: nothing more is recorded, the buffer only drains. */
    public void silence() {
        try {
            write("set_event", "");
        } catch (TraceException e) {
            // Left enabled: the reader has more to read before the marker, nothing worse.
        }
    }

    /** Writes a line into the instance's own stream: what tells the reader it has read everything before. */
    public void mark(String text) throws TraceException {
        write("trace_marker", text);
    }

    /** The stream of events, consumed as read. */
    public InputStream pipe() throws IOException {
        return Files.newInputStream(instance.resolve("trace_pipe"));
    }

    /** Events the kernel dropped because the buffer was full, summed over the CPUs. */
    public long lost() {
        long lost = 0;
        try (DirectoryStream<Path> cpus = Files.newDirectoryStream(instance.resolve("per_cpu"), "cpu*")) {
            for (Path cpu : cpus) {
                for (String line : Files.readAllLines(cpu.resolve("stats"))) {
                    if (line.startsWith("overrun:") || line.startsWith("dropped events:")) {
                        lost += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return lost;
    }

    public Path path() {
        return instance;
    }

    private void write(String file, String value) throws TraceException {
        try {
            Files.writeString(instance.resolve(file), value + "\n", StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new TraceException(TraceException.Cause.HOST, "cannot write " + instance.resolve(file) + ": " + e.getMessage());
        }
    }

    /** Turns the instance off and removes it (the kernel disables its events), then unmounts what was mounted; once. */
    @Override
    public void close() {
        removal.run();
    }

    private void remove() {
        off();
        for (int attempt = 0; attempt < 50 && Files.exists(instance); attempt++) {
            try {
                Files.delete(instance);
            } catch (IOException e) {
                // Busy while the reader still holds trace_pipe: it lets go as soon as it reads the marker.
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (Files.exists(instance)) {
            info.accept("cannot remove the tracing instance " + instance + " (busy): the next trace removes it");
        }
        if (mountedHere && !unmount(tracing)) {
            info.accept("cannot unmount " + tracing + " (busy); umount it when done");
        }
    }

    private static void mount(Path tracing) throws TraceException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = SystemCalls.errnoState(arena);
            long result = SystemCalls.call(state, MOUNT, arena.allocateFrom("nodev").address(),
                    arena.allocateFrom(tracing.toString()).address(), arena.allocateFrom("tracefs").address(), 0, 0);
            if (result != 0) {
                int errno = SystemCalls.errno(state);
                throw new TraceException(TraceException.Cause.HOST, "tracefs is not mounted at " + tracing
                        + " and cannot be mounted (errno " + errno + (errno == 19 ? ": this kernel has no tracefs" : "") + ")");
            }
        } catch (TraceException e) {
            throw e;
        } catch (Throwable e) {
            throw new TraceException(TraceException.Cause.HOST, "cannot mount tracefs at " + tracing + ": " + e);
        }
    }

    private static boolean unmount(Path tracing) {
        try (Arena arena = Arena.ofConfined()) {
            return SystemCalls.call(SystemCalls.errnoState(arena), UMOUNT2, arena.allocateFrom(tracing.toString()).address(), 0) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
