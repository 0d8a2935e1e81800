package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.dockaudit.model.CgroupFacts;
import org.dockaudit.model.ContainerNames;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.DaemonFacts;
import org.dockaudit.model.Fact;
import org.dockaudit.model.HealthCheck;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.Json;
import org.dockaudit.model.ImageRecord;
import org.dockaudit.model.MountEntry;
import org.dockaudit.model.ProcessFacts;
import org.dockaudit.model.ProcessStatus;
import org.dockaudit.model.RuntimeFacts;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Target;
import org.dockaudit.model.Tool;

/**
 * Collects a snapshot of a live host: the Engine API for configuration, {@code /proc} and the
 * cgroup files for what the kernel enforces. API calls and file reads run in parallel on a small
 * pool of platform threads (the socket transport blocks in native code, which would pin virtual
 * threads anyway). Nothing on the host is changed: only GET requests and file reads.
 */
public final class LiveCollector {

    /** {@code Seccomp: 2} in {@code /proc/<pid>/status}: filters are attached. */
    private static final int SECCOMP_MODE_FILTER = 2;

    private final EngineApi engine;
    private final ProcFs proc;
    private final CgroupFs cgroups;
    private final HostReader hostReader;
    private final LayerScanner layers;
    private final FilterReader filters;
    private final Clock clock;
    private final int parallelism;
    /** Where the host's root file system is seen. */
    private final Path root;
    /** This machine's kernel release, to tell an engine elsewhere; unknown off the audited host's kernel. */
    private final Fact<String> localKernel;
    private final boolean dumpSeccomp;
    /**
     * Where this process runs, when the host's /proc numbers it (its pid can be told): what
     * identifies the container it runs in, read once.
     */
    private final Optional<Place> self;
    private final List<String> diagnostics = Collections.synchronizedList(new ArrayList<>());
    private final Steps steps = new Steps();

    /**
     * A snapshot, what was said on the side while it was taken ({@link #diagnostics()}), and how
     * long each kind of work took ({@link #steps()}).
     */
    public record Collected(Snapshot snapshot, List<String> diagnostics, String steps) {}

    /** Time spent in each kind of work, summed over the readers: where a slow collection goes. */
    private static final class Steps {
        final LongAdder engine = new LongAdder();
        final LongAdder hostFiles = new LongAdder();
        final LongAdder processes = new LongAdder();
        final LongAdder dumps = new LongAdder();
        final LongAdder layers = new LongAdder();

        static long since(long start) {
            return System.nanoTime() - start;
        }
    }

    /** Told each time a container has been read, from the thread that read it. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        void containers(int done, int total);
    }

    /**
     * A live collection of the daemon at {@code endpoint}, as the command line runs it: the Engine
     * API opened and closed here, processes probed over TCP, the system clock.
     */
    public static Collected collect(String endpoint, Duration connectTimeout, Duration requestTimeout, Path root, boolean hostKernel,
            int parallelism, boolean dumpSeccomp, Progress progress) throws CollectException {
        try (ZerodepEngineApi engine = ZerodepEngineApi.open(endpoint, parallelism,
                new ZerodepEngineApi.Timeouts(connectTimeout, requestTimeout))) {
            LiveCollector collector = new LiveCollector(engine, root, hostKernel, new TcpProber(2000), Clock.systemUTC(), parallelism,
                    dumpSeccomp);
            return new Collected(collector.collect(progress), collector.diagnostics(), collector.steps());
        }
    }

    /**
     * What happened during the last collection that is neither a fact of the host nor the same on
     * the next run (processes that exited between two reads): for a diagnostic channel, not the
     * snapshot, so that two audits of an unchanged host give the same report.
     */
    public List<String> diagnostics() {
        synchronized (diagnostics) {
            return diagnostics.stream().sorted().toList();
        }
    }

    /**
     * How long each kind of work of the last collection took, summed over its readers (which work
     * at the same time): {@code Engine API 0.61 s, host files 0.12 s, ...}.
     */
    public String steps() {
        return String.format("summed over %d readers: Engine API %.2f s, host files %.2f s, processes and cgroups %.2f s,"
                + " seccomp dumps %.2f s, image layers %.2f s", parallelism, steps.engine.sum() / 1e9, steps.hostFiles.sum() / 1e9,
                steps.processes.sum() / 1e9, steps.dumps.sum() / 1e9, steps.layers.sum() / 1e9);
    }

    /** A collection of a fixture tree under {@code root}, or of this host when it is {@code /}. */
    public LiveCollector(EngineApi engine, Path root, Prober prober, Clock clock, int parallelism) {
        this(engine, root, root.equals(Path.of("/")), prober, clock, parallelism, true);
    }

    /**
     * @param root        where the host's root file system is seen ({@code /}, or {@code --host-root})
     * @param hostKernel  whether this process runs on the audited host's kernel
     * @param dumpSeccomp whether to read the seccomp filters of running containers with ptrace: only
     *                    done when the host's processes are this process's (the same pid namespace)
     */
    public LiveCollector(EngineApi engine, Path root, boolean hostKernel, Prober prober, Clock clock, int parallelism,
            boolean dumpSeccomp) {
        this.engine = new TimedEngine(engine, steps.engine);
        this.proc = new ProcFs(root);
        this.cgroups = new CgroupFs(root);
        this.hostReader = new HostReader(root, hostKernel, proc, prober, engine.endpoint());
        this.layers = new LayerScanner(root, 200_000);
        this.filters = new FilterReader(proc);
        this.clock = clock;
        this.parallelism = parallelism;
        this.root = root;
        this.localKernel = hostKernel ? ProcFs.read(root.resolve("proc/sys/kernel/osrelease"), String::strip)
                : Fact.unknown(Fact.Gap.NOT_COLLECTED, "this process does not run on the audited host's kernel");
        boolean hostPids = root.equals(Path.of("/")) || hostKernel && samePidNamespace(root);
        this.dumpSeccomp = dumpSeccomp && hostPids;
        this.self = hostKernel && hostPids ? place((int) ProcessHandle.current().pid()) : Optional.empty();
    }

    /**
     * Whether the host's pids, as its {@code /proc} under {@code root} numbers them, are this
     * process's ({@code --pid=host}): that {@code /proc} calls this process by its own pid.
     */
    private static boolean samePidNamespace(Path root) {
        try {
            return Files.readSymbolicLink(root.resolve("proc/self")).toString().equals(Long.toString(ProcessHandle.current().pid()));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public Snapshot collect() throws CollectException {
        return collect(Progress.NONE);
    }

    public Snapshot collect(Progress progress) throws CollectException {
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            // Asked while /version answers: a daemon that does not is reported by that first request.
            Future<JsonNode> listed = pool.submit(() -> require("/containers/json?all=1"));
            JsonNode version = require("/version");
            Future<Fact<JsonNode>> info = pool.submit(() -> engine.fact("/info"));
            Future<Fact<JsonNode>> plugins = pool.submit(() -> engine.fact("/plugins"));
            Future<Fact<JsonNode>> bridge = pool.submit(() -> engine.fact("/networks/bridge"));
            Future<Fact<JsonNode>> execEvents = pool.submit(this::execEvents);
            // Podman's Docker /info does not say whether it runs rootless; its own does.
            Future<Fact<JsonNode>> podmanInfo = pool.submit(() -> DaemonFacts.podmanVersion(Fact.of(version))
                    .map(podman -> engine.fact("/v" + podman + "/libpod/info"))
                    .orElse(Fact.unknown(Fact.Gap.UNSUPPORTED, "not a Podman engine")));
            // Submitted after info, so that each waits for a task already started, even with one thread.
            Future<Optional<String>> elsewhere = pool.submit(() -> elsewhere(join(info)));
            // Read while the containers are, which need of the host only how many capabilities it has.
            Future<HostFacts> hostFuture = pool.submit(() -> {
                Optional<String> away = join(elsewhere);
                if (away.isPresent()) {
                    return HostFacts.notCollected(away.get());
                }
                long start = System.nanoTime();
                HostFacts facts = hostReader.read(join(info));
                steps.hostFiles.add(Steps.since(start));
                return facts;
            });
            JsonNode summaries = join(listed);
            Fact<Integer> lastCap = proc.capLastCap();
            Fact<JsonNode> daemonInfo = join(info);
            Optional<String> away = join(elsewhere);
            away.ifPresent(notes::add);
            // Scanned while the first containers are inspected: only their kernel state needs it.
            Future<ProcessIndex> processes = pool.submit(() -> {
                long scanStart = System.nanoTime();
                ProcessIndex index = away.isEmpty() && anyRunning(summaries) ? ProcessIndex.scan(proc) : ProcessIndex.EMPTY;
                steps.processes.add(Steps.since(scanStart));
                return index;
            });
            // Whether Docker's built-in profile is the default decides which sleeping inits may be stopped.
            JsonNode securityOptions = daemonInfo.known() ? daemonInfo.value().path("SecurityOptions") : null;

            List<Future<ContainerRecord>> containers = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
            for (JsonNode summary : summaries) {
                containers.add(pool.submit(() -> {
                    ContainerRecord record = container(summary, lastCap, processes, securityOptions, away, notes);
                    progress.containers(read.incrementAndGet(), summaries.size());
                    return record;
                }));
            }
            List<ContainerRecord> records = new ArrayList<>();
            Set<String> imageIds = new LinkedHashSet<>();
            for (Future<ContainerRecord> future : containers) {
                ContainerRecord record = join(future);
                if (record != null) {
                    records.add(record);
                    imageIds.add(record.inspect().path("Image").asText());
                }
            }
            imageIds.remove("");
            List<Future<ImageRecord>> imageFutures = new ArrayList<>();
            for (String id : imageIds) {
                imageFutures.add(pool.submit(() -> image(id, notes)));
            }
            List<ImageRecord> images = new ArrayList<>();
            for (Future<ImageRecord> future : imageFutures) {
                ImageRecord image = join(future);
                if (image != null) {
                    images.add(image);
                }
            }
            Fact<JsonNode> swarm = swarm(daemonInfo);
            // On a manager, each service as its tasks' container: what the swarm runs beyond this node.
            if (swarm.known()) {
                records.addAll(org.dockaudit.snapshot.DeploymentFiles.swarmServices(swarm.value().path("services")));
            }
            DaemonFacts daemon = new DaemonFacts(Fact.of(version), daemonInfo, join(plugins), join(bridge), swarm,
                    execSessions(join(execEvents), records, pool), join(podmanInfo));
            HostFacts host = join(hostFuture).withEngineSeccompProfile(engineProfile(daemon, away));
            // Containers are read in parallel: their notes are sorted, so that the report does not vary.
            return new Snapshot(Snapshot.FORMAT_VERSION, Tool.nameAndVersion(), clock.instant().toString(), "live",
                    false, host, daemon, records, images, notes.stream().sorted().toList());
        }
    }

    /** The {@code exec_create} events the daemon still holds: each one an exec session, its health checks' runs included. */
    private Fact<JsonNode> execEvents() {
        // An until makes the daemon send what it holds and close, instead of streaming on; to the
        // nanosecond, so that a session opened in the second the audit starts is in it.
        java.time.Instant now = clock.instant();
        String path = "/events?since=0&until=" + now.getEpochSecond() + "." + String.format("%09d", now.getNano()) + "&filters="
                + java.net.URLEncoder.encode("{\"type\":[\"container\"],\"event\":[\"exec_create\"]}", java.nio.charset.StandardCharsets.UTF_8);
        try {
            return Fact.of(engine.getSequence(path));
        } catch (EngineException e) {
            return Fact.unknown("the daemon's exec events: " + e.getMessage());
        }
    }

    /**
     * The exec sessions of the containers collected, each event with the session's inspect (null
     * when the daemon has forgotten it). The runs of a container's health check are no one's
     * session: left out, and not inspected (on a host of health-checked containers they are most
     * of the events). The other containers' sessions are not this snapshot's to keep.
     */
    private Fact<JsonNode> execSessions(Fact<JsonNode> events, List<ContainerRecord> records, ExecutorService pool)
            throws CollectException {
        if (!events.known()) {
            return events;
        }
        Map<String, String> healthChecks = new HashMap<>();
        records.forEach(record -> healthChecks.put(record.inspect().path("Id").asText(),
                HealthCheck.execAction(record.inspect()).orElse("")));
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode event : events.value()) {
            String container = event.path("Actor").path("ID").asText();
            if (healthChecks.containsKey(container) && !event.path("Action").asText("").equals(healthChecks.get(container))) {
                if (event.path("Actor").path("Attributes").path("execID").asText("").isEmpty()) {
                    return Fact.unknown(Fact.Gap.UNSUPPORTED, "this engine's exec_create events name no execID");
                }
                kept.add(event);
            }
        }
        List<Future<Fact<JsonNode>>> inspects = new ArrayList<>();
        for (JsonNode event : kept) {
            inspects.add(pool.submit(() -> execInspect(event.path("Actor").path("Attributes").path("execID").asText())));
        }
        com.fasterxml.jackson.databind.node.ArrayNode sessions = Json.MAPPER.createArrayNode();
        for (int i = 0; i < kept.size(); i++) {
            Fact<JsonNode> inspect = join(inspects.get(i));
            if (!inspect.known()) {
                return inspect;
            }
            com.fasterxml.jackson.databind.node.ObjectNode session = sessions.addObject();
            session.set("event", kept.get(i));
            session.set("inspect", inspect.value());
        }
        return Fact.of(sessions);
    }

    /** One session's inspect; a JSON null when the daemon has forgotten it. */
    private Fact<JsonNode> execInspect(String id) {
        try {
            return Fact.of(engine.get("/exec/" + id + "/json"));
        } catch (EngineException e) {
            return e.notFound() ? Fact.of(com.fasterxml.jackson.databind.node.NullNode.getInstance())
                    : Fact.unknown("exec session " + id + ": " + e.getMessage());
        }
    }

    /** On an active manager, the swarm's nodes, services (secrets redacted as read) and overlay networks. */
    private Fact<JsonNode> swarm(Fact<JsonNode> info) {
        if (!info.known()) {
            return Fact.unknown("docker info: " + info.unknown());
        }
        JsonNode swarm = info.value().path("Swarm");
        if (!swarm.path("LocalNodeState").asText("").equals("active") || !swarm.path("ControlAvailable").asBoolean(false)) {
            return Fact.unknown(Fact.Gap.UNSUPPORTED, "this node is not a swarm manager");
        }
        com.fasterxml.jackson.databind.node.ObjectNode facts = Json.MAPPER.createObjectNode();
        try {
            facts.set("nodes", engine.get("/nodes"));
            com.fasterxml.jackson.databind.node.ArrayNode services = Json.MAPPER.createArrayNode();
            for (JsonNode service : engine.get("/services")) {
                // dockaudit's own fleet job is no service of the swarm's.
                if (!service.path("Spec").path("Labels").has(Fleet.LABEL)) {
                    // PreviousSpec too: after an update, the spec it replaced holds the old values.
                    for (String spec : List.of("Spec", "PreviousSpec")) {
                        redactService(service.path(spec).path("TaskTemplate").path("ContainerSpec"));
                    }
                    services.add(service);
                }
            }
            facts.set("services", services);
            facts.set("networks", engine.get("/networks?filters=" + java.net.URLEncoder.encode("{\"driver\":[\"overlay\"]}",
                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (EngineException e) {
            return Fact.unknown("the swarm's nodes, services and networks: " + e.getMessage());
        }
        return Fact.of(facts);
    }

    /** A service's environment values and secret-looking arguments: the checks read names only. */
    private static void redactService(JsonNode spec) {
        if (!(spec instanceof com.fasterxml.jackson.databind.node.ObjectNode container)) {
            return;
        }
        com.fasterxml.jackson.databind.node.ArrayNode env = Json.MAPPER.createArrayNode();
        container.path("Env").forEach(entry -> env.add(entry.asText().contains("=")
                ? entry.asText().substring(0, entry.asText().indexOf('=') + 1) + org.dockaudit.model.Snapshot.REDACTED : entry.asText()));
        if (container.has("Env")) {
            container.set("Env", env);
        }
        for (String field : List.of("Args", "Command")) {
            if (container.path(field).isArray()) {
                List<String> arguments = new ArrayList<>();
                container.path(field).forEach(argument -> arguments.add(argument.asText()));
                container.set(field, Json.MAPPER.valueToTree(org.dockaudit.model.Secrets.redactArguments(arguments)));
            }
        }
    }

    /**
     * The default seccomp profile file the engine names: Podman's (containers-common's), whose
     * path its own info gives. Docker's is built into dockerd, and known by its version.
     */
    private Fact<JsonNode> engineProfile(DaemonFacts daemon, Optional<String> away) {
        if (!daemon.podman()) {
            return Fact.unknown(Fact.Gap.UNSUPPORTED, "Docker's default profile is built into dockerd (known by its version)");
        }
        if (!daemon.podmanInfo().known()) {
            return Fact.unknown(Fact.Gap.NOT_COLLECTED, "Podman's own info: " + daemon.podmanInfo().unknown());
        }
        String path = daemon.podmanSecurity().path("seccompProfilePath").asText("");
        if (path.isEmpty() || away.isPresent()) {
            return Fact.unknown(Fact.Gap.NOT_COLLECTED, away.orElse("Podman's info names no seccomp profile file"));
        }
        Path file = root.resolve(path.replaceFirst("^/+", ""));
        return ProcFs.read(file, text -> {
            try {
                return Json.MAPPER.readTree(text);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(path + " is not JSON: " + e.getMessage());
            }
        });
    }

    /** Why the engine that answered is not on this machine, when it is not ({@link EngineLocation}). */
    private Optional<String> elsewhere(Fact<JsonNode> daemonInfo) {
        return EngineLocation.elsewhere(engine.endpoint(), daemonInfo, localKernel);
    }

    private static boolean anyRunning(JsonNode summaries) {
        for (JsonNode summary : summaries) {
            if ("running".equals(summary.path("State").asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode require(String path) throws CollectException {
        try {
            return engine.get(path);
        } catch (EngineException e) {
            throw new CollectException(e.getMessage());
        }
    }

    private ContainerRecord container(JsonNode summary, Fact<Integer> lastCap, Future<ProcessIndex> index, JsonNode securityOptions,
            Optional<String> away, List<String> notes) throws CollectException {
        String id = summary.path("Id").asText();
        JsonNode inspect;
        try {
            inspect = engine.get("/containers/" + id + "/json");
        } catch (EngineException e) {
            if (e.notFound()) {
                notes.add("container " + displayName(summary) + " was removed during the audit: skipped");
                return null;
            }
            if (e.status() == EngineException.UNREACHABLE) {
                throw new CollectException(e.getMessage());
            }
            notes.add("container " + displayName(summary) + " could not be inspected: " + e.getMessage());
            return null;
        }
        if (inspect.path("Config").path("Labels").has(Fleet.LABEL)) {
            notes.add("container " + displayName(summary) + " is dockaudit's own fleet job: not audited");
            return null;
        }
        if (away.isPresent()) {
            // The pid the engine gives is another machine's: this machine's process of that pid is no container's.
            return new ContainerRecord(inspect, Fact.unknown(Fact.Gap.NOT_COLLECTED, away.get()));
        }
        if (runsThisProcess(inspect)) {
            notes.add("container " + displayName(summary) + " is the one dockaudit runs in: not audited");
            return null;
        }
        return new ContainerRecord(inspect, runtime(inspect, lastCap, index, securityOptions, notes));
    }

    /** Whether this process is one of the container's: dockaudit run from its image audits the others. */
    private boolean runsThisProcess(JsonNode inspect) {
        int initPid = inspect.path("State").path("Pid").asInt(0);
        // Its namespaces are read only when its cgroups are this process's: one file for every other
        // container, where its whole place was nine.
        return self.isPresent() && initPid > 0 && inspect.path("State").path("Running").asBoolean(false)
                && proc.cgroups(initPid).map(self.get().cgroups()::equals).orElse(false) && place(initPid).equals(self);
    }

    /**
     * A process's cgroups and mount namespace. The cgroups alone do not tell a container: a
     * rootless one on cgroup v1 stays in its user's.
     */
    private record Place(Map<String, String> cgroups, Long mountNamespace) {}

    private Optional<Place> place(int pid) {
        Fact<Map<String, String>> cgroups = proc.cgroups(pid);
        Fact<Map<String, Long>> namespaces = proc.namespaces(pid);
        return cgroups.known() && namespaces.known() ? Optional.of(new Place(cgroups.value(), namespaces.value().get("mnt")))
                : Optional.empty();
    }

    private Fact<RuntimeFacts> runtime(JsonNode inspect, Fact<Integer> lastCap, Future<ProcessIndex> index, JsonNode securityOptions,
            List<String> notes) throws CollectException {
        JsonNode state = inspect.path("State");
        if (!state.path("Running").asBoolean(false)) {
            return Fact.unknown("container is " + state.path("Status").asText("not running"));
        }
        int initPid = state.path("Pid").asInt(0);
        if (initPid <= 0) {
            return Fact.unknown("the engine reports no pid for this running container");
        }
        // Only a running container waits for the index (outside the time its reads are counted).
        ProcessIndex scanned = join(index);
        long start = System.nanoTime();
        Fact<Map<String, String>> hierarchies = proc.cgroups(initPid);
        if (!hierarchies.known()) {
            return Fact.unknown("cannot read the cgroups of pid " + initPid + ": " + hierarchies.unknown());
        }
        String name = ContainerNames.typed(inspect.path("Name").asText());
        Fact<List<ProcessFacts>> processes = scanned.members(initPid, hierarchies.value()).map(pids -> {
            List<ProcessFacts> present = new ArrayList<>();
            for (int pid : pids) {
                ProcessFacts process = process(pid, lastCap);
                // A process that exited between the cgroup scan and now (gone, or a zombie not yet
                // reaped) is not a fact we failed to read, nor one of the host: it is said on the
                // side, not in the report.
                if (pid != initPid && !complete(process) && proc.exited(pid)) {
                    diagnostics.add("container " + name + ": pid " + pid + " has exited; not counted");
                } else {
                    present.add(process);
                }
            }
            return present;
        });
        Fact<CgroupFacts> limits = cgroups.limits(hierarchies.value());
        Fact<List<MountEntry>> mounts = proc.mounts(initPid);
        steps.processes.add(Steps.since(start));
        return Fact.of(new RuntimeFacts(initPid, processes, limits, seccompFilters(inspect, initPid, processes, securityOptions, notes),
                mounts));
    }

    /**
     * The init process's filters, when it has any: ptrace stops it for the few microseconds of the
     * read, then lets it go, and only when that stop is proven invisible to it ({@link FilterReader}).
     */
    private Fact<List<String>> seccompFilters(JsonNode inspect, int pid, Fact<List<ProcessFacts>> processes,
            JsonNode securityOptions, List<String> notes) {
        if (!dumpSeccomp) {
            return Fact.unknown(Fact.Gap.NOT_COLLECTED, "not dumped (--no-seccomp-dump)");
        }
        Fact<ProcessStatus> status = processes.known() && !processes.value().isEmpty()
                ? processes.value().getFirst().status()
                : Fact.unknown("no process");
        if (!status.known()) {
            return Fact.unknown("the seccomp mode of pid " + pid + " is unknown");
        }
        if (!Integer.valueOf(SECCOMP_MODE_FILTER).equals(status.value().seccompMode())) {
            return Fact.of(List.of());
        }
        try {
            long start = System.nanoTime();
            SeccompDumper.Dump dump;
            try {
                dump = filters.readInit(inspect, securityOptions, status.value().seccompFilters());
            } finally {
                steps.dumps.add(Steps.since(start));
            }
            dump.repairs().forEach(repair -> notes.add("container " + ContainerNames.typed(inspect.path("Name").asText())
                    + ": " + repair));
            return Fact.of(dump.filters().stream().map(java.util.Base64.getEncoder()::encodeToString).toList());
        } catch (SeccompDumper.DumpException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    private static boolean complete(ProcessFacts process) {
        return process.status().known() && process.lsmLabel().known() && process.namespaces().known();
    }

    private ProcessFacts process(int pid, Fact<Integer> lastCap) {
        return new ProcessFacts(
                pid,
                proc.command(pid).value(),
                lastCap.known()
                        ? proc.status(pid, lastCap.value())
                        : Fact.unknown("capabilities not decoded: " + lastCap.unknown()),
                proc.lsmLabel(pid),
                proc.namespaces(pid));
    }

    private ImageRecord image(String id, List<String> notes) {
        try {
            JsonNode inspect = engine.get("/images/" + id + "/json");
            long start = System.nanoTime();
            var setuidFiles = layers.setuidFiles(inspect);
            var passwd = layers.passwd(inspect);
            steps.layers.add(Steps.since(start));
            return new ImageRecord(inspect, setuidFiles, passwd, engine.fact("/images/" + id + "/history"));
        } catch (EngineException e) {
            notes.add("image " + id + " could not be inspected: " + e.getMessage());
            return null;
        }
    }

    private static String displayName(JsonNode summary) {
        JsonNode names = summary.path("Names");
        String id = summary.path("Id").asText();
        String shortId = Target.shortId(id);
        return names.isArray() && !names.isEmpty() ? ContainerNames.typed(names.get(0).asText()) + " (" + shortId + ")" : shortId;
    }

    private static <T> T join(Future<T> future) throws CollectException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectException("interrupted while collecting");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CollectException collect) {
                throw collect;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The engine, each answer's wait added to {@code spent}. */
    private record TimedEngine(EngineApi engine, LongAdder spent) implements EngineApi {
        private interface Request {
            JsonNode send(String path) throws EngineException;
        }

        private JsonNode timed(Request request, String path) throws EngineException {
            long start = System.nanoTime();
            try {
                return request.send(path);
            } finally {
                spent.add(Steps.since(start));
            }
        }

        @Override
        public JsonNode get(String path) throws EngineException {
            return timed(engine::get, path);
        }

        @Override
        public JsonNode getSequence(String path) throws EngineException {
            return timed(engine::getSequence, path);
        }

        @Override
        public String endpoint() {
            return engine.endpoint();
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    /** Which host processes sit in which cgroup, from one pass over {@code /proc/*}/cgroup. */
    static final class ProcessIndex {

        static final ProcessIndex EMPTY = new ProcessIndex(Map.of(), null);

        private final Map<Integer, Map<String, String>> cgroupsByPid;
        private final String scanError;

        private ProcessIndex(Map<Integer, Map<String, String>> cgroupsByPid, String scanError) {
            this.cgroupsByPid = cgroupsByPid;
            this.scanError = scanError;
        }

        static ProcessIndex scan(ProcFs proc) {
            Map<Integer, Map<String, String>> byPid = new HashMap<>();
            try {
                for (int pid : proc.pids()) {
                    Fact<Map<String, String>> cgroups = proc.cgroups(pid);
                    if (cgroups.known()) {
                        byPid.put(pid, cgroups.value());
                    }
                }
            } catch (IOException e) {
                return new ProcessIndex(Map.of(), "cannot list /proc: " + e.getMessage());
            }
            return new ProcessIndex(byPid, null);
        }

        /** The init process first, then every other process in its cgroup or below it, by pid. */
        Fact<List<Integer>> members(int initPid, Map<String, String> initCgroups) {
            String hierarchy = CgroupFs.membershipHierarchy(initCgroups);
            if (scanError != null || hierarchy == null) {
                return Fact.unknown(scanError != null ? scanError : "no pids, memory or unified cgroup for pid " + initPid);
            }
            String path = initCgroups.get(hierarchy);
            List<Integer> members = new ArrayList<>();
            members.add(initPid);
            if (path.equals("/")) {
                // A container in the root cgroup shares it with the whole host: only init is its own.
                return Fact.of(members);
            }
            cgroupsByPid.entrySet().stream()
                    .filter(entry -> entry.getKey() != initPid)
                    .filter(entry -> {
                        String other = entry.getValue().get(hierarchy);
                        return other != null && (other.equals(path) || other.startsWith(path + "/"));
                    })
                    .map(Map.Entry::getKey)
                    .sorted()
                    .forEach(members::add);
            return Fact.of(members);
        }
    }
}
