package org.dockaudit.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.ImageRecord;
import org.dockaudit.model.ProcessFacts;
import org.dockaudit.model.RuntimeFacts;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Target;

/**
 * A container as checks see it: typed access to its inspect document, its kernel facts, and the
 * rest of the snapshot (host reference, other containers). A field missing from the inspect
 * document makes the check unknown rather than guessing a default.
 */
public final class ContainerContext {

    private final ContainerRecord record;
    private final Snapshot snapshot;
    private Optional<String> sandbox;

    public ContainerContext(ContainerRecord record, Snapshot snapshot) {
        this.record = record;
        this.snapshot = snapshot;
    }

    public JsonNode inspect() {
        return record.inspect();
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public String id() {
        return inspect().path("Id").asText("");
    }

    public String shortId() {
        return Target.shortId(id());
    }

    /** The name without Docker's leading slash (podman has none). */
    public String name() {
        String name = inspect().path("Name").asText("");
        name = name.startsWith("/") ? name.substring(1) : name;
        return name.isEmpty() ? shortId() : name;
    }

    public Target target() {
        return new Target(Target.Kind.CONTAINER, name(), id());
    }

    /**
     * The swarm service this target stands for, when it is one: on a manager, each service is
     * judged as the container its tasks are created as ({@code service/NAME}), and its record's id
     * is the service's.
     */
    public Optional<JsonNode> swarmService() {
        for (JsonNode service : snapshot.daemon().swarm().orElse(MissingNode.getInstance()).path("services")) {
            if (service.path("ID").asText().equals(id())) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** A trace of this container's workload with capability data, given to the audit; the latest when several. */
    public Optional<org.dockaudit.model.TraceResult> trace() {
        org.dockaudit.model.TraceResult found = null;
        for (org.dockaudit.model.TraceResult trace : snapshot().traces()) {
            if (trace.container().equals(name()) && !trace.mode().equals("strace")) {
                found = trace;
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean running() {
        return inspect().path("State").path("Running").asBoolean(false);
    }

    /**
     * The runtime with a kernel of its own (gVisor, Kata) the container runs under, as {@code runsc
     * (/usr/bin/runsc)}: its own {@code --runtime}, else its daemon's default.
     */
    public Optional<String> sandbox() {
        // Asked by most checks of the container, a few times each.
        if (sandbox == null) {
            sandbox = findSandbox();
        }
        return sandbox;
    }

    private Optional<String> findSandbox() {
        String runtime = inspect().path("HostConfig").path("Runtime").asText("");
        if (runtime.isEmpty()) {
            runtime = Facts.ifKnown(snapshot().daemon().info()).map(info -> info.path("DefaultRuntime").asText("")).orElse("");
        }
        String path = Runtimes.path(snapshot(), runtime);
        return Runtimes.isolates(runtime, path) ? Optional.of(runtime + (path.isEmpty() ? "" : " (" + path + ")")) : Optional.empty();
    }

    /**
     * Kernel facts of a running container; empty when it is not running, or runs in a sandbox whose
     * processes are all the host sees of it (checks on the kernel state are then not applicable,
     * and say why: {@link #unseen()}). Running but not observed is unknown.
     */
    public Optional<RuntimeFacts> runtime() {
        return sandbox().isPresent() ? Optional.empty() : cgroupView();
    }

    /**
     * Kernel facts of a running container, a sandboxed one included: for the cgroup's limits, which
     * bound a sandbox and the workload inside it alike. Empty when it is not running.
     */
    public Optional<RuntimeFacts> cgroupView() {
        if (!running()) {
            return Optional.empty();
        }
        return Optional.of(Facts.require(record.runtime(), "kernel state of the running container"));
    }

    /** Why {@link #runtime()} is empty: the container is not running, or the host sees only its sandbox. */
    public String unseen() {
        if (sandbox().isPresent()) {
            return "runs in the sandbox of " + sandbox().get() + ": the host sees the sandbox's processes, not the workload's, and"
                    + " their privileges are the sandbox's";
        }
        // A container declared in a file, or a swarm service: its own reason, not "not running".
        return record.runtime() != null && record.runtime().gap() == org.dockaudit.model.Fact.Gap.NOT_COLLECTED
                ? record.runtime().unknown() : "container is not running";
    }

    public Optional<List<ProcessFacts>> processes() {
        return runtime().map(runtime -> Facts.require(runtime.processes(), "processes of the container"));
    }

    /** The node at {@code path}; missing from the document makes the check unknown. */
    public JsonNode node(String... path) {
        JsonNode node = inspect();
        for (String step : path) {
            node = node.path(step);
        }
        if (node.isMissingNode()) {
            throw new UnknownFactException(String.join(".", path) + " is absent from the inspect document");
        }
        return node;
    }

    /** A string field; JSON null reads as empty, as the engine writes "not set" both ways. */
    public String string(String... path) {
        JsonNode node = node(path);
        return node.isNull() ? "" : node.asText();
    }

    public boolean bool(String... path) {
        JsonNode node = node(path);
        return !node.isNull() && node.asBoolean();
    }

    public long number(String... path) {
        JsonNode node = node(path);
        return node.isNull() ? 0 : node.asLong();
    }

    /** A string array; JSON null (the engine's "none") reads as empty. */
    public List<String> strings(String... path) {
        JsonNode node = node(path);
        List<String> values = new ArrayList<>();
        node.forEach(element -> values.add(element.asText()));
        return values;
    }

    /** The record of the image the container was created from, when that image is in the snapshot. */
    public Optional<ImageRecord> image() {
        String imageId = inspect().path("Image").asText("");
        return snapshot.images().stream()
                .filter(image -> image.inspect().path("Id").asText().equals(imageId))
                .findFirst();
    }

    /** The passwd file of the container's image, when the image is in the snapshot and its layers were read. */
    public Optional<String> imagePasswd() {
        return image().flatMap(image -> Facts.ifKnown(image.passwdFile()));
    }

    /** The container a {@code container:<ref>} mode names, by name, id or id prefix. */
    public Optional<ContainerContext> findContainer(String reference) {
        String ref = reference.startsWith("/") ? reference.substring(1) : reference;
        return Containers.of(snapshot).find(ref).map(other -> new ContainerContext(other, snapshot));
    }

    /** The other containers whose init has the namespace inode {@code inode} of this kind, in snapshot order. */
    public List<ContainerContext> sharingNamespace(String kind, long inode) {
        return Containers.of(snapshot).sharing(record, kind, inode).stream()
                .map(other -> new ContainerContext(other, snapshot)).toList();
    }

    /** How the report names another container: name and short id. */
    public String describe() {
        return name() + " (" + shortId() + ")";
    }
}
