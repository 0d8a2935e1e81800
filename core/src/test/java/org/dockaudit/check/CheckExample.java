package org.dockaudit.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;

/**
 * A check example: a file {@code checks/<ID>/<outcome>-<name>.json} naming its {@code base} (one of
 * {@code checks/bases/}: a host, daemon, default container and image recorded on one engine) and
 * holding JSON merge patches (RFC 7386) over it, the outcome the check must give, and optionally
 * the severity and evidence it must report, and the evidence it must not ({@code absent}).
 */
record CheckExample(String checkId, String expectedOutcome, String name, String description, Snapshot snapshot,
        String severity, List<String> evidence, List<String> absent) {

    static final Path ROOT = root();
    /** The recorded bases by name, read once: every example is a patch over one, and patching copies. */
    private static final Map<String, JsonNode> BASES = bases();

    @Override
    public String toString() {
        return checkId + " " + expectedOutcome + "-" + name;
    }

    static List<CheckExample> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .filter(file -> !file.getParent().equals(ROOT) && !file.getParent().getFileName().toString().equals("bases"))
                    .sorted()
                    .map(CheckExample::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonNode> bases() {
        try (Stream<Path> files = Files.list(ROOT.resolve("bases"))) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .collect(Collectors.toMap(file -> file.getFileName().toString().replaceFirst("\\.json$", ""), CheckExample::read));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CheckExample load(Path file) {
        String fileName = file.getFileName().toString().replaceFirst("\\.json$", "");
        String outcome = Stream.of("pass", "fail", "not-applicable", "unknown")
                .filter(prefix -> fileName.startsWith(prefix + "-"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + ": name must start with pass-, fail-, not-applicable- or unknown-"));
        JsonNode example = read(file);
        JsonNode base = BASES.get(example.path("base").asText());
        if (base == null) {
            throw new IllegalArgumentException(file + ": \"base\" must name one of " + BASES.keySet());
        }
        ObjectNode snapshot = Json.MAPPER.createObjectNode();
        snapshot.put("formatVersion", Snapshot.FORMAT_VERSION);
        snapshot.put("source", "live");
        snapshot.set("host", patch(base.get("host"), example.get("host")));
        snapshot.set("daemon", patch(base.get("daemon"), example.get("daemon")));
        ArrayNode containers = snapshot.putArray("containers");
        containers.add(container(base.get("container"), example));
        for (JsonNode other : example.path("others")) {
            containers.add(container(base.get("container"), other));
        }
        snapshot.putArray("images").add(patch(base.get("image"), example.get("image")));
        if (example.has("traces")) {
            // Traces given to audit --traces: what the workload used, beside what it may.
            snapshot.set("traces", example.get("traces"));
        }
        if (!example.has("collectedAt")) {
            snapshot.put("collectedAt", base.path("collectedAt").asText());
        }
        List<String> evidence = new ArrayList<>();
        example.path("evidence").forEach(line -> evidence.add(line.asText()));
        List<String> absent = new ArrayList<>();
        example.path("absent").forEach(line -> absent.add(line.asText()));
        try {
            return new CheckExample(file.getParent().getFileName().toString(), outcome,
                    fileName.substring(outcome.length() + 1), example.path("description").asText(),
                    Json.MAPPER.treeToValue(snapshot, Snapshot.class),
                    example.path("severity").asText(null), evidence, absent);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The base container patched: inspect, state, and runtime with per-process patches over init. */
    private static JsonNode container(JsonNode base, JsonNode example) {
        ObjectNode container = Json.MAPPER.createObjectNode();
        JsonNode inspect = patch(base.get("inspect"), example.get("inspect"));
        container.set("inspect", inspect);
        if (!example.path("running").asBoolean(true)) {
            ObjectNode state = (ObjectNode) inspect.get("State");
            state.put("Running", false).put("Status", "created").put("Pid", 0);
            container.set("runtime", Json.MAPPER.createObjectNode().put("unknown", "container is created"));
            return container;
        }
        ObjectNode runtime = (ObjectNode) base.get("runtime").get("value").deepCopy();
        JsonNode runtimePatch = example.path("runtime");
        if (runtimePatch.has("processes")) {
            JsonNode init = runtime.get("processes").get("value").get(0);
            ArrayNode processes = Json.MAPPER.createArrayNode();
            runtimePatch.get("processes").forEach(process -> processes.add(patch(init, process)));
            ((ObjectNode) runtime.get("processes")).set("value", processes);
        }
        for (var field : runtimePatch.properties()) {
            if (!field.getKey().equals("processes")) {
                runtime.set(field.getKey(), patch(runtime.get(field.getKey()), field.getValue()));
            }
        }
        container.set("runtime", Json.MAPPER.createObjectNode().set("value", runtime));
        return container;
    }

    /** RFC 7386: objects merge, null removes, anything else replaces. */
    static JsonNode patch(JsonNode target, JsonNode patch) {
        if (patch == null || patch.isMissingNode()) {
            return target == null ? null : target.deepCopy();
        }
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? target.deepCopy() : Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), patch(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        try {
            return Path.of(CheckExample.class.getResource("/checks").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
