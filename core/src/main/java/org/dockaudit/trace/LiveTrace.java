package org.dockaudit.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dockaudit.collect.ProcFs;
import org.dockaudit.seccomp.Arch;

/**
 * Reads a tracing instance while the trace runs, into a {@link TaskTree}: the kernel keeps only a
 * buffer's worth of events, so they are consumed as they come. Stopping disables the events and
 * writes a marker into the stream; once the reader has read it, it has read every event recorded.
 */
final class LiveTrace implements AutoCloseable {

    private static final String END = "dockaudit-trace-end-" + ProcessHandle.current().pid();
    private static final ProcFs PROC = new ProcFs(Path.of("/"));
    // Every bit a capability mask can hold when the kernel's count is unreadable: any set bit is a capability held.
    private static final int LAST_CAP = PROC.capLastCap().orElse(63);

    private final TraceFs tracefs;
    private final TaskTree tree;
    private final Thread reader;
    private final Path raw;
    private final Cleanups.Handle stopping;
    private volatile IOException failure;
    private volatile String otherAbiFailure;
    private boolean stopped;

    /**
     * @param containerId the container traced, whose shim may start during the trace; null when its shim already runs
     * @param shims its shim's tgids, when it already runs
     * @param workload the tgids running its workload when the trace begins (attach)
     * @param everyCall keep every call's event on, for exact counts, instead of switching each off
     *     once the workload made it (what keeps a busy workload's cost small)
     * @param raw where to keep the kernel's event lines as read (for a bug report or a test fixture), or null
     */
    LiveTrace(TraceFs tracefs, String runtimeName, String containerId, Set<Integer> shims, Set<Integer> workload, boolean everyCall,
            Path raw) {
        this.tracefs = tracefs;
        this.raw = raw;
        this.tree = new TaskTree(LiveTrace::execOf, runtimeName, containerId, shims, workload, new TaskTree.Listener() {
            @Override
            public void firstCall(String event) {
                if (!everyCall) {
                    tracefs.seen(event);
                }
            }

            @Override
            public void otherAbi(Arch abi) {
                try {
                    tracefs.recordEveryCall();
                } catch (TraceException e) {
                    otherAbiFailure = e.getMessage();
                }
            }
        });
        this.reader = Thread.ofPlatform().daemon().name("trace-reader").unstarted(this::read);
        // Registered after the instance: on Ctrl-C the reader lets go of it first, so that it can be removed.
        this.stopping = Cleanups.register(this::stopQuietly);
    }

    /**
     * Turns the instance on and starts reading. Exclusive with {@link #stop}, which the shutdown
     * hook may call from its own thread: a reader started after it would hold the instance open.
     */
    synchronized void start() throws TraceException {
        if (stopped || Cleanups.closing()) {
            throw new TraceException(TraceException.Cause.HOST, "interrupted before the trace began");
        }
        reader.start();
        tracefs.on();
    }

    private void read() {
        try (InputStream pipe = tracefs.pipe();
             BufferedReader lines = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8), 1 << 16);
             java.io.Writer copy = raw == null ? java.io.Writer.nullWriter() : java.nio.file.Files.newBufferedWriter(raw)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                copy.write(line);
                copy.write('\n');
                TraceLine event = TraceLine.parse(line).orElse(null);
                if (event == null) {
                    continue;
                }
                if (event.kind() == TraceLine.Kind.MARKER && event.text().equals(END)) {
                    return;
                }
                tree.accept(event);
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Lets the reader go when the trace ends on an error or an interrupt: the instance cannot be removed while it reads. */
    @Override
    public void close() {
        stopping.run();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (TraceException e) {
            // The error that ended the trace is the one to report.
        }
    }

    /** Reads up to the marker, then turns the instance off; the tree is complete after this. */
    synchronized TaskTree stop() throws TraceException {
        stopped = true;
        if (reader.isAlive()) {
            // Nothing more recorded: the reader then only has what the buffer holds (a few seconds
            // of reading at most), however fast the workload was making calls.
            tracefs.silence();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try {
                markEnd(deadline);
                reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tracefs.off();
        if (reader.isAlive()) {
            throw new TraceException(TraceException.Cause.HOST, "the trace reader did not reach the end of " + tracefs.path()
                    + " within 30 s: events came faster than they could be read");
        }
        if (failure != null) {
            throw new TraceException(TraceException.Cause.HOST, "cannot read " + tracefs.path().resolve("trace_pipe") + ": " + failure.getMessage());
        }
        if (otherAbiFailure != null) {
            throw new TraceException(TraceException.Cause.HOST, "the workload runs a 32-bit program, whose calls only raw events show,"
                    + " and they cannot be turned on: " + otherAbiFailure);
        }
        return tree;
    }

    /**
     * Writes the end marker. A full buffer refuses it (the kernel drops the newest events, and a
     * marker is one: EBADF) until the reader has drained a page of it; nothing else is recorded
     * any more, so the marker gets in as soon as the reader catches up.
     */
    private void markEnd(long deadline) throws TraceException, InterruptedException {
        while (true) {
            try {
                tracefs.mark(END);
                return;
            } catch (TraceException e) {
                if (!reader.isAlive() || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** What {@code pid} got from the file it just executed; read at once, while it most likely still runs. */
    static TaskTree.Exec execOf(int pid, String file) {
        return new TaskTree.Exec(PROC.abi(pid).orElse(null), gainedPrivileges(pid),
                file.substring(file.lastIndexOf('/') + 1).startsWith("containerd-shim") ? shimOf(pid) : null);
    }

    /** The container id a shim was started for: the value of its {@code -id} argument. */
    private static String shimOf(int pid) {
        List<String> arguments = PROC.arguments(pid).orElse(List.of());
        int id = arguments.indexOf("-id");
        return id >= 0 && id + 1 < arguments.size() ? arguments.get(id + 1) : null;
    }

    /** Real and effective ids differ (a setuid or setgid file), or a non-root user holds effective capabilities (file capabilities). */
    private static boolean gainedPrivileges(int pid) {
        return PROC.status(pid, LAST_CAP).map(status -> status.uid() != status.effectiveUid() || status.gid() != status.effectiveGid()
                || status.effectiveUid() != 0 && !status.capabilities().effective().isEmpty()).orElse(false);
    }
}
