package org.dockaudit.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.dockaudit.collect.EngineControl;
import org.dockaudit.collect.EngineException;
import org.dockaudit.collect.ProcFs;
import org.dockaudit.model.ContainerNames;
import org.dockaudit.model.Fact;
import org.dockaudit.model.TraceResult;
import org.dockaudit.seccomp.Arch;

/**
 * Traces a container's workload: by default a fresh copy of it from its first instruction (most
 * privileges are used at start-up: a bind, a chown, a drop to another user), or with
 * {@code attach} the running container from now on. Everything the container's shim starts is
 * followed, so processes that {@code docker exec} adds are in the trace with their children.
 */
public final class ContainerTracer {

    /**
     * @param duration how long to trace; with {@code untilExit}, the longest to wait for the exit
     * @param untilExit stop when the container's main process exits
     * @param attach trace the running container instead of a copy
     * @param raw where to keep the kernel's event lines, or null
     * @param probe for {@code --verify}: run once the copy runs, with its inspect document; the trace
     *     ends when it returns (its duration is then only the longest wait for the copy), and the
     *     calls that return EPERM are traced too
     * @param everyCall count every call (exact counts, at a cost to a busy workload) instead of
     *     switching each call's event off once the workload made it
     */
    public record Options(Duration duration, boolean untilExit, boolean attach, Path raw, Consumer<JsonNode> probe, boolean everyCall) {}

    private static final Duration POLL = Duration.ofMillis(100);
    private static final int BUFFER_KB_PER_CPU = 8192;
    private static final String RUNTIME = "runc";

    private final EngineControl engine;
    private final Path tracing;
    private final ProcFs proc = new ProcFs(Path.of("/"));
    private final Consumer<String> info;

    public ContainerTracer(EngineControl engine, Path tracing, Consumer<String> info) {
        this.engine = engine;
        this.tracing = tracing;
        this.info = info;
    }

    /** The original's inspect document; a container the engine does not know is the user's error. */
    public JsonNode inspect(String container) throws TraceException, EngineException {
        try {
            return engine.get("/containers/" + ContainerCopy.encode(container) + "/json");
        } catch (EngineException e) {
            if (e.notFound()) {
                throw new TraceException(TraceException.Cause.CONTAINER, "no container '" + container + "' on " + engine.endpoint());
            }
            throw e;
        }
    }

    /** A container's {@code State}: whether it runs, its exit code, its health. */
    public JsonNode state(String id) throws EngineException {
        return engine.get("/containers/" + ContainerCopy.encode(id) + "/json").path("State");
    }

    /** Traces the container {@code original} describes, as {@code options} say. */
    public TraceResult trace(JsonNode original, Options options) throws TraceException, EngineException {
        return options.attach() ? attach(original, options) : copy(original, ContainerCopy.createBody(original), "trace", options);
    }

    /**
     * Traces a copy created from {@code body} (the original's settings, or hardened ones) from its
     * first instruction, then removes it.
     */
    public TraceResult copy(JsonNode original, com.fasterxml.jackson.databind.node.ObjectNode body, String purpose, Options options)
            throws TraceException, EngineException {
        ContainerCopy.removeLeftovers(engine, info);
        Set<Integer> daemons = tasksOf(processesNamed("containerd"));
        if (daemons.isEmpty()) {
            throw new TraceException(TraceException.Cause.HOST, "no containerd process on this host: a copy is started by containerd,"
                    + " which must be followed from before the start (use --attach for other runtimes)");
        }
        try (TraceFs tracefs = TraceFs.open(tracing, info);
             ContainerCopy copy = ContainerCopy.create(engine, original, body, purpose, info);
             LiveTrace live = new LiveTrace(tracefs, RUNTIME, copy.id(), Set.of(), Set.of(), options.everyCall(), options.raw())) {
            tracefs.enable(BUFFER_KB_PER_CPU, options.probe() != null);
            tracefs.follow(daemons);
            live.start();
            long started = System.nanoTime();
            copy.start();
            JsonNode running = copy.inspect();
            int init = running.path("State").path("Pid").asInt(0);
            Set<String> bounding = boundingSet(init);
            Set<Integer> shims = new HashSet<>(shimsOf(copy.id(), init));
            Observed observed = observe(copy.id(), init, options, running);
            TaskTree tree = live.stop();
            double seconds = (System.nanoTime() - started) / 1e9;
            long lost = tracefs.lost();
            tracefs.close();
            shims.addAll(tree.shimsOf(copy.id()));
            List<TraceResult.Change> written = written(copy.changes());
            JsonNode after = copy.inspect();
            TaskTree.Workload workload = tree.workload(shims, Set.of(), bounding);
            List<String> notes = new ArrayList<>(observed.notes);
            if (shims.isEmpty()) {
                throw new TraceException(TraceException.Cause.CONTAINER, "the shim of the copy " + copy.name()
                        + " was not found: the copy's runtime is not containerd's runc");
            }
            if (init > 0 && !workload.contains(init)) {
                throw new TraceException(TraceException.Cause.CONTAINER, "the copy's main process (pid " + init + ") is not among what"
                        + " its runtime executed in the trace: the runtime is not runc, or the trace lost events (" + lost + ")");
            }
            if (!after.path("State").path("Running").asBoolean()) {
                notes.add("the copy exited with code " + after.path("State").path("ExitCode").asInt() + " after " + Math.round(seconds) + " s");
            }
            return result(original, "copy", seconds, workload, lost, observed, written, notes);
        }
    }

    private TraceResult attach(JsonNode original, Options options) throws TraceException, EngineException {
        int init = original.path("State").path("Pid").asInt(0);
        if (!original.path("State").path("Running").asBoolean() || init <= 0) {
            throw new TraceException(TraceException.Cause.CONTAINER, "container '" + ContainerNames.of(original)
                    + "' is not running: --attach traces a running container (without it, a fresh copy is traced)");
        }
        Set<Integer> running = containerProcesses(init);
        Set<String> bounding = boundingSet(init);
        Set<Integer> shims = shimsOf(original.path("Id").asText(), init);
        try (TraceFs tracefs = TraceFs.open(tracing, info);
             LiveTrace live = new LiveTrace(tracefs, RUNTIME, null, shims, running, options.everyCall(), options.raw())) {
            tracefs.enable(BUFFER_KB_PER_CPU, options.probe() != null);
            if (running.stream().map(proc::abi).flatMap(java.util.Optional::stream).anyMatch(abi -> abi != Arch.X86_64)) {
                tracefs.recordEveryCall();
            }
            Set<Integer> followed = new LinkedHashSet<>(tasksOf(shims));
            followed.addAll(tasksOf(running));
            tracefs.follow(followed);
            long started = System.nanoTime();
            live.start();
            // A process forked between the listing and the filter is missed: list again once the filter holds.
            Set<Integer> late = containerProcesses(init);
            late.removeAll(running);
            if (!late.isEmpty()) {
                tracefs.follow(tasksOf(late));
                running.addAll(late);
            }
            Observed observed = observe(original.path("Id").asText(), init, options, original);
            TaskTree tree = live.stop();
            double seconds = (System.nanoTime() - started) / 1e9;
            long lost = tracefs.lost();
            tracefs.close();
            List<String> notes = new ArrayList<>(observed.notes);
            notes.add("attached to the running container: what it did before the trace began (often what needs the most privilege,"
                    + " at start-up) is not in it");
            List<TraceResult.Change> written = written(engine.get("/containers/" + original.path("Id").asText() + "/changes"));
            return result(original, "attach", seconds, tree.workload(shims, running, bounding), lost, observed, written, notes);
        }
    }

    private record Observed(TraceResult.Peaks peaks, List<String> notes) {}

    /** Waits as the options say, sampling the cgroup's task count, and reads the peaks at the end. */
    private Observed observe(String id, int init, Options options, JsonNode running) throws EngineException {
        List<String> notes = new ArrayList<>();
        Map<String, String> cgroups = init > 0 ? proc.cgroups(init).orElse(Map.of()) : Map.of();
        if (options.probe() != null) {
            options.probe().accept(running);
            return new Observed(CgroupPeaks.read(cgroups, CgroupPeaks.pidsNow(cgroups)), notes);
        }
        long deadline = System.nanoTime() + options.duration().toNanos();
        long pidsPeak = -1;
        while (System.nanoTime() < deadline) {
            pidsPeak = Math.max(pidsPeak, CgroupPeaks.pidsNow(cgroups));
            JsonNode state = state(id);
            if (!state.path("Running").asBoolean()) {
                break;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (options.untilExit() && System.nanoTime() >= deadline) {
            notes.add("the container was still running when the trace stopped after " + options.duration().toSeconds() + " s");
        }
        return new Observed(CgroupPeaks.read(cgroups, pidsPeak), notes);
    }

    private TraceResult result(JsonNode original, String mode, double seconds, TaskTree.Workload workload, long lost, Observed observed,
            List<TraceResult.Change> written, List<String> notes) {
        if (workload.foreignChecks() > 0) {
            notes.add(workload.foreignChecks() + " capability checks made while the workload ran were under other credentials (overlayfs"
                    + " acting as the daemon that mounted the container's root): not counted as the workload's");
        }
        if (lost > 0) {
            notes.add(lost + " events were lost (the trace buffer overran): counts are low and a rare call may be missing");
        }
        return new TraceResult(ContainerNames.of(original), original.path("Config").path("Image").asText(), mode,
                Math.round(seconds * 10) / 10.0, workload.capabilities(), workload.syscalls(), workload.refused(), workload.processes(),
                Math.max(lost, 0),
                observed.peaks(), written, List.copyOf(notes));
    }

    private static List<TraceResult.Change> written(JsonNode changes) {
        List<TraceResult.Change> paths = new ArrayList<>();
        for (JsonNode change : changes) {
            // The engine's kinds: 0 changed, 1 added, 2 deleted (a deletion needs a writable directory too).
            String kind = switch (change.path("Kind").asInt()) {
                case 1 -> "added";
                case 2 -> "deleted";
                default -> "changed";
            };
            paths.add(new TraceResult.Change(change.path("Path").asText(), kind));
        }
        paths.sort(java.util.Comparator.comparing(TraceResult.Change::path));
        return paths;
    }

    /** The capabilities the container's main process can ever have ({@code CapBnd}), or null when it is gone. */
    private Set<String> boundingSet(int init) {
        if (init <= 0) {
            return null;
        }
        Fact<Integer> lastCap = proc.capLastCap();
        return lastCap.known() ? proc.status(init, lastCap.value()).map(status -> Set.copyOf(status.capabilities().bounding())).orElse(null)
                : null;
    }

    /** The container's shim: the parent of its main process, else the shim whose arguments name the container. */
    private Set<Integer> shimsOf(String id, int init) {
        Set<Integer> shims = new HashSet<>();
        if (init > 0) {
            int parent = proc.parent(init);
            if (parent > 1) {
                shims.add(parent);
            }
        }
        if (shims.isEmpty()) {
            for (int pid : allPids()) {
                List<String> arguments = proc.arguments(pid).orElse(List.of());
                if (!arguments.isEmpty() && arguments.get(0).contains("containerd-shim") && arguments.contains(id)) {
                    shims.add(pid);
                }
            }
        }
        return shims;
    }

    /** The processes in the same cgroups as the container's main process. */
    private Set<Integer> containerProcesses(int init) {
        Map<String, String> own = proc.cgroups(init).orElse(Map.of());
        Set<Integer> members = new LinkedHashSet<>();
        members.add(init);
        for (int pid : allPids()) {
            Fact<Map<String, String>> cgroups = proc.cgroups(pid);
            if (cgroups.known() && cgroups.value().equals(own)) {
                members.add(pid);
            }
        }
        return members;
    }

    private Set<Integer> processesNamed(String name) {
        Set<Integer> found = new LinkedHashSet<>();
        for (int pid : allPids()) {
            if (proc.command(pid).orElse("").equals(name)) {
                found.add(pid);
            }
        }
        return found;
    }

    private List<Integer> allPids() {
        try {
            return proc.pids();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Every thread of each process: the pid filter is by task. */
    private Set<Integer> tasksOf(Set<Integer> pids) {
        Set<Integer> tasks = new LinkedHashSet<>();
        for (int pid : pids) {
            tasks.add(pid);
            tasks.addAll(proc.threads(pid));
        }
        return tasks;
    }
}
