package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.dockaudit.model.Fact;
import org.dockaudit.model.Json;

/**
 * A swarm audited from a manager: a {@code global-job} service runs the dockaudit image once on
 * every node, and each node's snapshot comes back through the service's logs, which Swarm
 * already brings to the manager. A Swarm task cannot have the host's pid namespace, so the task
 * uses its node's Docker socket to run a sibling container with the settings of the README's
 * {@code docker run} line ({@code --pid=host}, the host's root read-only, the capabilities that
 * read seccomp filters), which collects; the task relays its snapshot. Everything created carries
 * {@link #LABEL} and is removed at the end.
 */
public final class Fleet {

    /** The label of the service, its tasks and the sibling containers: dockaudit's own, never audited. */
    public static final String LABEL = "org.dockaudit.fleet";
    private static final String PREFIX = "dockaudit-fleet";
    private static final int CHUNK = 3000;
    private static final List<String> ENDED = List.of("complete", "failed", "rejected", "shutdown", "orphaned", "remove");

    private Fleet() {}

    /**
     * A node's snapshot as the manager received it, or why there is none.
     *
     * @param via how it was collected: by the fleet job, or directly by this process on the manager
     */
    public record NodeResult(String node, byte[] snapshot, String failure, String via) {}

    /** The snapshot of the manager's own node, collected by this process. */
    @FunctionalInterface
    public interface Direct {
        byte[] snapshot() throws CollectException;
    }

    /**
     * Whether this process sees its host as the job's sibling would, so that it can collect the
     * manager's own node without the job: it runs as root, in the pid and mount namespaces of the
     * host's dockerd (read from the kernel; a dockaudit in a container sees none, or another).
     */
    public static boolean seesHost(ProcFs proc) {
        Fact<Map<String, Long>> own = proc.ownNamespaces();
        if (!own.known() || !proc.ownUid().map(uid -> uid == 0).orElse(false)) {
            return false;
        }
        try {
            List<Integer> daemons = proc.pidsOf("dockerd");
            if (daemons.isEmpty()) {
                return false;
            }
            Fact<Map<String, Long>> its = proc.namespaces(daemons.getFirst());
            return its.known() && own.value().get("pid").equals(its.value().get("pid"))
                    && own.value().get("mnt").equals(its.value().get("mnt"));
        } catch (IOException e) {
            return false;
        }
    }

    // --- on each node: the job's task ---

    /**
     * Runs the collecting sibling on this node and prints its snapshot to {@code out}, framed for
     * the service's logs; a failure is printed the same way, so that the manager can name it.
     */
    public static void relay(EngineControl engine, String image, String run, PrintStream out) {
        String node = "unknown";
        try {
            node = engine.get("/info").path("Swarm").path("NodeID").asText("unknown");
            byte[] snapshot = collectBySibling(engine, image, run);
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
                gzip.write(snapshot);
            }
            String encoded = Base64.getEncoder().encodeToString(packed.toByteArray());
            int chunks = 0;
            for (int at = 0; at < encoded.length(); at += CHUNK) {
                out.println(PREFIX + " " + node + " data " + encoded.substring(at, Math.min(encoded.length(), at + CHUNK)));
                chunks++;
            }
            out.println(PREFIX + " " + node + " end " + chunks);
        } catch (EngineException | CollectException | IOException | RuntimeException e) {
            out.println(PREFIX + " " + node + " error " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        out.flush();
    }

    private static byte[] collectBySibling(EngineControl engine, String image, String run) throws EngineException, CollectException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("Image", image);
        body.putArray("Cmd").add("collect").add("--host-root").add("/host").add("-o").add("-");
        body.putObject("Labels").put(LABEL, run);
        ObjectNode host = body.putObject("HostConfig");
        host.put("PidMode", "host").put("NetworkMode", "host").put("CgroupnsMode", "host").put("UsernsMode", "host");
        host.putArray("CapAdd").add("SYS_PTRACE").add("SYS_ADMIN").add("AUDIT_CONTROL");
        host.putArray("SecurityOpt").add("seccomp=unconfined").add("apparmor=unconfined");
        host.putArray("Binds").add("/var/run/docker.sock:/var/run/docker.sock").add("/:/host:ro");
        String id = engine.post("/containers/create", body).path("Id").asText();
        try {
            engine.post("/containers/" + id + "/start", null);
            int status = engine.post("/containers/" + id + "/wait", null).path("StatusCode").asInt(-1);
            if (status != 0) {
                String errors = lines(demux(engine.getBytes("/containers/" + id + "/logs?stderr=1"))).stream()
                        .reduce((a, b) -> b).orElse("no message");
                throw new CollectException("the collecting container exited with " + status + ": " + errors);
            }
            return demux(engine.getBytes("/containers/" + id + "/logs?stdout=1")).getBytes(StandardCharsets.UTF_8);
        } finally {
            engine.delete("/containers/" + id + "?force=true");
        }
    }

    // --- on the manager ---

    /**
     * Runs the job on every node and gathers what each sent back, within {@code timeout}; the
     * service is removed however this ends. Nodes are named by hostname. With {@code direct}, the
     * manager's own node is collected by this process instead, while the job runs on the others
     * (and on a swarm of one node, there is no job): the same snapshot, without Swarm's scheduling
     * and two more JVM starts.
     */
    public static List<NodeResult> gather(EngineControl engine, String image, Duration timeout, Direct direct) throws CollectException {
        JsonNode swarm;
        try {
            swarm = engine.get("/info").path("Swarm");
        } catch (EngineException e) {
            throw new CollectException(e.getMessage());
        }
        if (!swarm.path("ControlAvailable").asBoolean(false)) {
            throw new CollectException("fleet audit runs on a swarm manager: this engine is "
                    + (swarm.path("LocalNodeState").asText("").equals("active") ? "a worker" : "in no swarm"));
        }
        String self = swarm.path("NodeID").asText();
        Map<String, String> hostnames;
        try {
            hostnames = hostnames(engine);
        } catch (EngineException e) {
            throw new CollectException(e.getMessage());
        }
        String run = Long.toString(ProcessHandle.current().pid()) + "-" + System.nanoTime() % 100000;
        if (direct != null && hostnames.keySet().equals(java.util.Set.of(self))) {
            return List.of(directly(direct, hostnames.get(self)));
        }
        String serviceId;
        try {
            serviceId = engine.post("/services/create", spec(image, run, direct != null ? self : null)).path("ID").asText();
        } catch (EngineException e) {
            throw new CollectException("cannot create the fleet job: " + e.getMessage());
        }
        Thread removal = new Thread(() -> remove(engine, serviceId, run));
        Runtime.getRuntime().addShutdownHook(removal);
        // The manager's own node, collected here while the job runs on the others.
        java.util.concurrent.CompletableFuture<NodeResult> own = direct == null ? null
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> directly(direct, hostnames.get(self)));
        try {
            Map<String, String> taskEnds = waitForTasks(engine, serviceId, timeout);
            Map<String, NodeResult> results = decode(lines(demux(engine.getBytes("/services/" + serviceId
                    + "/logs?stdout=1&stderr=1"))), hostnames);
            if (own != null) {
                results.put(hostnames.get(self), own.join());
            }
            List<NodeResult> all = new ArrayList<>(results.values());
            for (Map.Entry<String, String> node : hostnames.entrySet()) {
                if (!results.containsKey(node.getValue())) {
                    String ended = taskEnds.get(node.getKey());
                    all.add(new NodeResult(node.getValue(), null, ended == null ? "no task ran on it (drained, down, or it left the swarm)"
                            : "its task ended " + ended + " without a snapshot", BY_JOB));
                }
            }
            return all;
        } catch (EngineException e) {
            throw new CollectException(e.getMessage());
        } finally {
            remove(engine, serviceId, run);
            try {
                Runtime.getRuntime().removeShutdownHook(removal);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook removes it.
            }
        }
    }

    private static NodeResult directly(Direct direct, String node) {
        try {
            return new NodeResult(node, direct.snapshot(), null, DIRECTLY);
        } catch (CollectException | RuntimeException e) {
            return new NodeResult(node, null, "collected on the manager: " + e.getMessage(), DIRECTLY);
        }
    }

    /** How the manager's own node is collected when this process sees its host. */
    public static final String DIRECTLY = "this manager, directly";
    /** How the other nodes are. */
    public static final String BY_JOB = "fleet job";

    /** The job's service; with {@code except}, on every node but that one. */
    private static JsonNode spec(String image, String run, String except) {
        ObjectNode spec = Json.MAPPER.createObjectNode();
        spec.put("Name", "dockaudit-fleet-" + run);
        spec.putObject("Labels").put(LABEL, run);
        ObjectNode template = spec.putObject("TaskTemplate");
        ObjectNode container = template.putObject("ContainerSpec");
        container.put("Image", image);
        container.putArray("Args").add("fleet").add("node").add("--image").add(image).add("--run").add(run);
        container.putObject("Labels").put(LABEL, run);
        container.putArray("Mounts").addObject().put("Type", "bind").put("Source", "/var/run/docker.sock")
                .put("Target", "/var/run/docker.sock");
        template.putObject("RestartPolicy").put("Condition", "none");
        if (except != null) {
            template.putObject("Placement").putArray("Constraints").add("node.id!=" + except);
        }
        spec.putObject("Mode").putObject("GlobalJob");
        return spec;
    }

    /**
     * Each node's name in the report, by node id: its hostname, with the start of its id where
     * several nodes share one (they would have been one node in the report, and one of them missed).
     */
    private static Map<String, String> hostnames(EngineControl engine) throws EngineException {
        Map<String, String> hostnames = new LinkedHashMap<>();
        for (JsonNode node : engine.get("/nodes")) {
            hostnames.put(node.path("ID").asText(), node.path("Description").path("Hostname").asText(node.path("ID").asText()));
        }
        Map<String, String> names = new LinkedHashMap<>();
        hostnames.forEach((id, hostname) -> names.put(id, java.util.Collections.frequency(hostnames.values(), hostname) == 1 ? hostname
                : hostname + " (" + id.substring(0, Math.min(12, id.length())) + ")"));
        return names;
    }

    /** Each node's task's final state, once every task has ended or the time is up. */
    private static Map<String, String> waitForTasks(EngineControl engine, String service, Duration timeout) throws EngineException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String filter = URLEncoder.encode("{\"service\":[\"" + service + "\"]}", StandardCharsets.UTF_8);
        Map<String, String> ends = new LinkedHashMap<>();
        while (true) {
            JsonNode tasks = engine.get("/tasks?filters=" + filter);
            ends.clear();
            boolean running = false;
            for (JsonNode task : tasks) {
                String state = task.path("Status").path("State").asText("");
                if (ENDED.contains(state)) {
                    ends.put(task.path("NodeID").asText(), state + (task.path("Status").path("Err").asText("").isEmpty() ? ""
                            : " (" + task.path("Status").path("Err").asText() + ")"));
                } else {
                    running = true;
                }
            }
            if (!tasks.isEmpty() && !running || System.nanoTime() > deadline) {
                return ends;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ends;
            }
        }
    }

    /** The service, and on this node the containers of its tasks, which Swarm keeps a while after. */
    private static void remove(EngineControl engine, String service, String run) {
        try {
            engine.delete("/services/" + service);
            String filter = URLEncoder.encode("{\"label\":[\"" + LABEL + "=" + run + "\"]}", StandardCharsets.UTF_8);
            for (JsonNode container : engine.get("/containers/json?all=1&filters=" + filter)) {
                engine.delete("/containers/" + container.path("Id").asText() + "?force=true");
            }
        } catch (EngineException e) {
            // Gone already, or the daemon is: nothing more to remove from here.
        }
    }

    /** The nodes' frames, put back together: a snapshot per node that sent one, or its error. */
    static Map<String, NodeResult> decode(List<String> lines, Map<String, String> hostnames) {
        Map<String, StringBuilder> data = new LinkedHashMap<>();
        Map<String, NodeResult> results = new LinkedHashMap<>();
        for (String line : lines) {
            int at = line.indexOf(PREFIX + " ");
            if (at < 0) {
                continue;
            }
            String[] parts = line.substring(at).split(" ", 4);
            if (parts.length < 4) {
                continue;
            }
            String node = hostnames.getOrDefault(parts[1], parts[1]);
            switch (parts[2]) {
                case "data" -> data.computeIfAbsent(node, n -> new StringBuilder()).append(parts[3].strip());
                case "error" -> results.put(node, new NodeResult(node, null, parts[3], BY_JOB));
                case "end" -> {
                    try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(
                            Base64.getDecoder().decode(data.getOrDefault(node, new StringBuilder()).toString())))) {
                        results.put(node, new NodeResult(node, gzip.readAllBytes(), null, BY_JOB));
                    } catch (IOException | IllegalArgumentException e) {
                        results.put(node, new NodeResult(node, null, "its snapshot arrived damaged: " + e.getMessage(), BY_JOB));
                    }
                }
                default -> { }
            }
        }
        return results;
    }

    /**
     * The text of a log stream: without a TTY, Docker sends frames of an 8-byte header (stream,
     * three zeros, a big-endian length) and the payload; anything else is taken as it is.
     */
    static String demux(byte[] stream) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int at = 0;
        while (at + 8 <= stream.length && stream[at] >= 0 && stream[at] <= 2 && stream[at + 1] == 0 && stream[at + 2] == 0
                && stream[at + 3] == 0) {
            int length = ((stream[at + 4] & 0xff) << 24) | ((stream[at + 5] & 0xff) << 16) | ((stream[at + 6] & 0xff) << 8)
                    | (stream[at + 7] & 0xff);
            if (at + 8 + length > stream.length) {
                break;
            }
            text.write(stream, at + 8, length);
            at += 8 + length;
        }
        if (at == 0) {
            return new String(stream, StandardCharsets.UTF_8);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

}
