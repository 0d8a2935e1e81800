package org.dockaudit.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.DaemonFacts;
import org.dockaudit.model.Fact;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.ImageRecord;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Tool;

/**
 * Reads and writes snapshot files. A file is either a snapshot written by {@code collect}, or the
 * plain output of {@code docker inspect} / {@code podman inspect}: an array of container and
 * image documents, which becomes a snapshot without kernel facts.
 */
public final class SnapshotFiles {

    static final String NOT_OBSERVED = "not observed: imported from inspect output, which has no kernel state";

    private SnapshotFiles() {}

    public static void write(Snapshot snapshot, OutputStream out) throws IOException {
        Json.MAPPER.writeValue(out, snapshot);
    }

    /** Larger than any snapshot of a real host: past it, the input is not one (say, /dev/zero). */
    public static final int MAX_BYTES = 1 << 30;

    public static Snapshot read(Path file) throws SnapshotFormatException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = readBounded(file.toString(), in);
        } catch (NoSuchFileException e) {
            throw new SnapshotFormatException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new SnapshotFormatException(file + ": permission denied");
        } catch (IOException e) {
            throw new SnapshotFormatException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), bytes);
    }

    /** Reads a whole input, refusing one larger than {@link #MAX_BYTES}. */
    public static byte[] readBounded(String name, InputStream in) throws IOException, SnapshotFormatException {
        return readBounded(name, in, MAX_BYTES);
    }

    static byte[] readBounded(String name, InputStream in, int maxBytes) throws IOException, SnapshotFormatException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new SnapshotFormatException(name + ": larger than " + (maxBytes >> 20) + " MiB: not a snapshot nor inspect output");
        }
        return bytes;
    }

    public static Snapshot parse(String name, byte[] bytes) throws SnapshotFormatException {
        if (DeploymentFiles.isYaml(bytes)) {
            return DeploymentFiles.parse(name, bytes);
        }
        Snapshot mapped = mappedDirectly(name, bytes);
        if (mapped != null) {
            return mapped;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonEOFException e) {
            throw new SnapshotFormatException(name + ": truncated JSON: input ends " + where(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new SnapshotFormatException(name + ": not valid JSON " + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SnapshotFormatException(name + ": cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new SnapshotFormatException(name + ": empty file");
        }
        if (root.isArray()) {
            return fromInspect(name, root);
        }
        if (root.isObject() && root.has("formatVersion")) {
            return snapshot(name, root);
        }
        if (root.isObject() && (root.has("HostConfig") || root.has("RootFS"))) {
            return fromInspect(name, Json.MAPPER.createArrayNode().add(root));
        }
        throw new SnapshotFormatException(name + ": neither a dockaudit snapshot (no formatVersion) nor docker inspect output (no array)");
    }

    private static Snapshot snapshot(String name, JsonNode root) throws SnapshotFormatException {
        int version = root.path("formatVersion").asInt(-1);
        if (!readable(version)) {
            throw new SnapshotFormatException(name + ": snapshot format version " + root.path("formatVersion")
                    + " is not supported (this dockaudit reads 1 to " + Snapshot.FORMAT_VERSION + ")");
        }
        if (!root.path("containers").isArray()) {
            throw new SnapshotFormatException(name + ": snapshot has no containers array");
        }
        Snapshot read;
        try {
            read = Json.MAPPER.treeToValue(root, Snapshot.class);
        } catch (JsonMappingException e) {
            throw new SnapshotFormatException(name + ": malformed snapshot at " + path(e) + ": " + firstLine(e));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SnapshotFormatException(name + ": malformed snapshot: " + firstLine(e));
        }
        if (!fileSource(read.source())) {
            throw new SnapshotFormatException(name + ": " + (root.has("source") ? "source is " + root.get("source") : "no source")
                    + ", expected \"live\" or \"inspect\"");
        }
        return completed(name, version, read);
    }

    /**
     * A snapshot file mapped from its bytes in one pass, without the tree that the other inputs
     * and the error messages need (a second copy of every document: a fifth of the time {@code
     * analyze} spent on a thousand containers). Null for anything but a well-formed snapshot of a
     * version read here: the tree path then reads it again, and says what is wrong.
     */
    private static Snapshot mappedDirectly(String name, byte[] bytes) {
        int first = 0;
        while (first < bytes.length && Character.isWhitespace(bytes[first])) {
            first++;
        }
        if (first == bytes.length || bytes[first] != '{') {
            return null;
        }
        try {
            // The record reads an absent or null list as empty: what the tree path refuses is told here.
            if (!hasContainersArray(bytes)) {
                return null;
            }
            Snapshot read = Json.MAPPER.readValue(bytes, Snapshot.class);
            return read != null && readable(read.formatVersion()) && fileSource(read.source())
                    ? completed(name, read.formatVersion(), read) : null;
        } catch (IOException | RuntimeException | SnapshotFormatException e) {
            return null;
        }
    }

    /** The snapshot format versions this dockaudit reads. */
    private static boolean readable(int version) {
        return version >= 1 && version <= Snapshot.FORMAT_VERSION;
    }

    /** The sources a snapshot file may have: a live collection, or inspect output. */
    private static boolean fileSource(String source) {
        return "live".equals(source) || "inspect".equals(source);
    }

    /**
     * Whether the top-level object's {@code containers} member (its last, as a tree keeps it) is an
     * array: its members are skipped, not built.
     */
    private static boolean hasContainersArray(byte[] bytes) throws IOException {
        boolean array = false;
        try (com.fasterxml.jackson.core.JsonParser parser = Json.MAPPER.createParser(bytes)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                boolean containers = parser.currentName().equals("containers");
                com.fasterxml.jackson.core.JsonToken value = parser.nextToken();
                if (containers) {
                    array = value == com.fasterxml.jackson.core.JsonToken.START_ARRAY;
                }
                parser.skipChildren();
            }
        }
        return array;
    }

    /** A mapped snapshot whose documents have the types the checks read, and what it did not record said unknown. */
    private static Snapshot completed(String name, int version, Snapshot read) throws SnapshotFormatException {
        for (int i = 0; i < read.containers().size(); i++) {
            ContainerRecord container = read.containers().get(i);
            if (container == null || container.inspect() == null || !container.inspect().isObject()) {
                throw new SnapshotFormatException(name + ": containers[" + i + "] has no inspect document");
            }
            requireTypes(name, "containers[" + i + "].inspect", container.inspect(), InspectTypes.CONTAINER);
        }
        for (int i = 0; i < read.images().size(); i++) {
            ImageRecord image = read.images().get(i);
            if (image == null || image.inspect() == null || !image.inspect().isObject()) {
                throw new SnapshotFormatException(name + ": images[" + i + "] has no inspect document");
            }
            requireTypes(name, "images[" + i + "].inspect", image.inspect(), InspectTypes.IMAGE);
        }
        List<ImageRecord> images = read.images().stream()
                .map(i -> i.setuidFiles() == null ? new ImageRecord(i.inspect(), Fact.unknown("not recorded in the snapshot"), i.passwd()) : i)
                .toList();
        List<ContainerRecord> containers = read.containers().stream()
                .map(c -> c.runtime() == null ? new ContainerRecord(c.inspect(), Fact.unknown("not recorded in the snapshot")) : c)
                .toList();
        return new Snapshot(version, read.tool(), read.collectedAt(), read.source(), read.redacted(),
                read.host() == null ? HostFacts.notCollected("not recorded in the snapshot") : read.host(),
                read.daemon() == null ? DaemonFacts.notCollected("not recorded in the snapshot") : read.daemon(),
                containers, images, read.notes());
    }

    private static void requireTypes(String name, String where, JsonNode document, List<InspectTypes.Field> fields)
            throws SnapshotFormatException {
        String mismatch = InspectTypes.firstMismatch(document, fields);
        if (mismatch != null) {
            throw new SnapshotFormatException(name + ": " + where + ": " + mismatch);
        }
    }

    private static Snapshot fromInspect(String name, JsonNode array) throws SnapshotFormatException {
        List<ContainerRecord> containers = new ArrayList<>();
        List<ImageRecord> images = new ArrayList<>();
        boolean podman = false;
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (element.has("OCIRuntime") || element.has("ConmonPidFile")) {
                podman = true;
                element = fromPodman(element);
            }
            if (element.has("HostConfig") || element.has("State")) {
                requireTypes(name, "element " + i, element, InspectTypes.CONTAINER);
                containers.add(new ContainerRecord(element, Fact.unknown(NOT_OBSERVED)));
            } else if (element.has("RootFS") || element.has("RepoTags")) {
                requireTypes(name, "element " + i, element, InspectTypes.IMAGE);
                images.add(new ImageRecord(element, Fact.unknown(NOT_OBSERVED)));
            } else {
                throw new SnapshotFormatException(name + ": element " + i
                        + " of the inspect array is neither a container (no HostConfig) nor an image (no RootFS)");
            }
        }
        String reason = "not collected: " + name + " is inspect output";
        DaemonFacts daemon = DaemonFacts.notCollected(reason);
        if (podman) {
            // Podman's defaults (its capability set, its profile) are what its containers got: the
            // engine is told by the documents themselves, as /version would tell it.
            ObjectNode version = Json.MAPPER.createObjectNode();
            version.putArray("Components").addObject().put("Name", "Podman Engine").put("Version", "")
                    .putObject("Details").put("InferredFrom", "podman inspect output");
            daemon = new DaemonFacts(Fact.of(version), daemon.info(), daemon.plugins(), daemon.defaultBridge(), daemon.swarm(), daemon.execs(),
                    daemon.podmanInfo());
        }
        return new Snapshot(Snapshot.FORMAT_VERSION, Tool.nameAndVersion(), null, "inspect", false,
                HostFacts.notCollected(reason), daemon, containers, images, List.of());
    }

    /**
     * A container document of {@code podman inspect} in Docker's shapes: Podman writes the
     * entrypoint as a string, and its runtime under {@code OCIRuntime}.
     */
    private static JsonNode fromPodman(JsonNode element) {
        ObjectNode container = element.deepCopy();
        if (container.path("Config") instanceof ObjectNode config && config.path("Entrypoint").isTextual()) {
            String entrypoint = config.path("Entrypoint").asText();
            if (entrypoint.isEmpty()) {
                config.putNull("Entrypoint");
            } else {
                config.putArray("Entrypoint").add(entrypoint);
            }
        }
        if (container.path("HostConfig") instanceof ObjectNode host && host.path("Runtime").asText("").isEmpty()) {
            host.put("Runtime", container.path("OCIRuntime").asText(""));
        }
        return container;
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** "containers[0].runtime", from Jackson's path to the bad value. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.isEmpty() ? "the top level" : path.toString();
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
