package org.dockaudit.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dockaudit.collect.EngineControl;
import org.dockaudit.collect.EngineException;
import org.dockaudit.model.ContainerNames;
import org.dockaudit.model.Json;

/**
 * A copy of a container, made to be traced or to try hardened settings on, and removed after:
 * same image (by id), command, entrypoint, environment, working directory, user, mounts, sysctls,
 * ulimits and networks as the original; a new name; the {@link EngineControl#COPY_LABEL} label and
 * the pid of the dockaudit that made it; no host port published (no clash with the original, no
 * exposure) and no network alias (no traffic meant for the original reaches it). The original is
 * never touched.
 */
public final class ContainerCopy implements AutoCloseable {

    /** The pid of the dockaudit run that created a copy: a copy whose run is gone is a leftover. */
    public static final String OWNER_LABEL = "org.dockaudit.owner-pid";

    // Settings of the original that would clash with it or outlive the copy.
    private static final List<String> NOT_COPIED = List.of("PortBindings", "PublishAllPorts", "RestartPolicy", "AutoRemove",
            "ContainerIDFile", "Links", "VolumesFrom");

    private static final List<String> ORCHESTRATOR_LABELS = List.of("com.docker.compose.", "com.docker.swarm.", "com.docker.stack.");

    private final EngineControl engine;
    private final String id;
    private final String name;
    private final Cleanups.Handle removal;

    private ContainerCopy(EngineControl engine, String id, String name, Consumer<String> info) {
        this.engine = engine;
        this.id = id;
        this.name = name;
        this.removal = Cleanups.register(() -> remove(engine, id, name, info));
    }

    /**
     * The body of {@code POST /containers/create} for a copy of the container {@code inspect}
     * describes; harden's hardened copies change its host settings from there.
     */
    public static ObjectNode createBody(JsonNode inspect) {
        JsonNode config = inspect.path("Config");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("Image", inspect.path("Image").asText(config.path("Image").asText()));
        for (String field : List.of("Cmd", "Entrypoint", "Env", "WorkingDir", "User", "Tty", "Healthcheck", "StopSignal",
                "Domainname", "Labels")) {
            if (config.hasNonNull(field)) {
                body.set(field, config.get(field).deepCopy());
            }
        }
        ObjectNode labels = body.has("Labels") && body.get("Labels").isObject() ? (ObjectNode) body.get("Labels") : body.putObject("Labels");
        // Compose and Swarm know their containers by these: a copy must not join the project or the service.
        List<String> orchestrated = new ArrayList<>();
        labels.fieldNames().forEachRemaining(label -> {
            if (ORCHESTRATOR_LABELS.stream().anyMatch(label::startsWith)) {
                orchestrated.add(label);
            }
        });
        labels.remove(orchestrated);
        labels.put(EngineControl.COPY_LABEL, ContainerNames.of(inspect));
        labels.put(OWNER_LABEL, Long.toString(ProcessHandle.current().pid()));
        ObjectNode hostConfig = inspect.path("HostConfig").isObject() ? ((ObjectNode) inspect.get("HostConfig")).deepCopy()
                : Json.MAPPER.createObjectNode();
        NOT_COPIED.forEach(hostConfig::remove);
        hostConfig.putObject("RestartPolicy").put("Name", "no");
        body.set("HostConfig", hostConfig);
        String mode = hostConfig.path("NetworkMode").asText("default");
        JsonNode primary = inspect.path("NetworkSettings").path("Networks").path(mode);
        if (!primary.isMissingNode() && !isBuiltIn(mode)) {
            body.putObject("NetworkingConfig").putObject("EndpointsConfig").putObject(mode);
        }
        return body;
    }

    /** Creates the copy named {@code <original>-dockaudit-<purpose>-<pid>} and joins the original's other networks. */
    public static ContainerCopy create(EngineControl engine, JsonNode inspect, ObjectNode body, String purpose,
            Consumer<String> info) throws EngineException {
        String name = ContainerNames.of(inspect) + "-dockaudit-" + purpose + "-" + ProcessHandle.current().pid();
        JsonNode created = engine.post("/containers/create?name=" + encode(name), body);
        ContainerCopy copy = new ContainerCopy(engine, created.path("Id").asText(), name, info);
        try {
            String mode = body.path("HostConfig").path("NetworkMode").asText("default");
            for (Iterator<String> networks = inspect.path("NetworkSettings").path("Networks").fieldNames(); networks.hasNext(); ) {
                String network = networks.next();
                if (!network.equals(mode) && !isBuiltIn(network) && !isBuiltIn(mode)) {
                    engine.post("/networks/" + encode(network) + "/connect", Json.MAPPER.createObjectNode().put("Container", copy.id));
                }
            }
        } catch (EngineException e) {
            copy.close();
            throw e;
        }
        return copy;
    }

    private static boolean isBuiltIn(String network) {
        return network.equals("default") || network.equals("bridge") || network.equals("host") || network.equals("none")
                || network.startsWith("container:");
    }

    public void start() throws EngineException {
        engine.post("/containers/" + id + "/start", null);
    }

    public JsonNode inspect() throws EngineException {
        return engine.get("/containers/" + id + "/json");
    }

    /** The paths the copy's processes changed in its writable layer ({@code GET /containers/{id}/changes}). */
    public JsonNode changes() throws EngineException {
        return engine.get("/containers/" + id + "/changes");
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Removes the copy with its anonymous volumes (its own; named volumes and binds stay). */
    @Override
    public void close() {
        removal.run();
    }

    private static void remove(EngineControl engine, String id, String name, Consumer<String> info) {
        try {
            engine.delete("/containers/" + id + "?force=true&v=true");
        } catch (EngineException e) {
            if (!e.notFound()) {
                info.accept("cannot remove the copy " + name + " (" + e.getMessage() + "): remove it with docker rm -f " + name);
            }
        }
    }

    /**
     * Removes the copies that earlier runs left because they were killed: those carrying
     * {@link EngineControl#COPY_LABEL} whose {@link #OWNER_LABEL} pid no longer runs dockaudit.
     */
    public static void removeLeftovers(EngineControl engine, Consumer<String> info) throws EngineException {
        String filter = encode(Json.MAPPER.createObjectNode().set("label", Json.MAPPER.createArrayNode().add(EngineControl.COPY_LABEL)).toString());
        List<String[]> leftovers = new ArrayList<>();
        for (JsonNode container : engine.get("/containers/json?all=1&filters=" + filter)) {
            JsonNode labels = container.path("Labels");
            String owner = labels.path(OWNER_LABEL).asText("");
            if (owner.matches("\\d+") && !TraceFs.runsDockaudit(Long.parseLong(owner))) {
                leftovers.add(new String[] {container.path("Id").asText(), ContainerNames.typed(container.path("Names").path(0).asText())});
            }
        }
        for (String[] leftover : leftovers) {
            remove(engine, leftover[0], leftover[1], info);
            info.accept("removed the copy " + leftover[1] + " left by a dockaudit run that was killed");
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The copy's address on its first network with one, for {@code --verify}'s {@code {ip}}. */
    public static String address(JsonNode inspect) {
        for (Map.Entry<String, JsonNode> network : inspect.path("NetworkSettings").path("Networks").properties()) {
            String ip = network.getValue().path("IPAddress").asText("");
            if (!ip.isEmpty()) {
                return ip;
            }
        }
        return "";
    }
}
