package org.dockaudit.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dockaudit.model.ImageRecord;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Target;

/** An image as checks see it, with the containers of the snapshot that use it. */
public final class ImageContext {

    private final ImageRecord record;
    private final Snapshot snapshot;

    public ImageContext(ImageRecord record, Snapshot snapshot) {
        this.record = record;
        this.snapshot = snapshot;
    }

    public ImageRecord record() {
        return record;
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

    /** The first tag, else the short id. */
    public String name() {
        JsonNode tags = inspect().path("RepoTags");
        if (tags.isArray() && !tags.isEmpty()) {
            return tags.get(0).asText();
        }
        return Target.shortId(id());
    }

    public Target target() {
        return new Target(Target.Kind.IMAGE, name(), id());
    }

    /** The containers made from this image. */
    public List<ContainerContext> containers() {
        return snapshot.containers().stream()
                .filter(container -> container.inspect().path("Image").asText().equals(id()))
                .map(container -> new ContainerContext(container, snapshot))
                .toList();
    }

    /** The image configuration ({@code Config}); missing makes the check unknown. */
    public JsonNode config() {
        JsonNode config = inspect().path("Config");
        if (config.isMissingNode()) {
            throw new UnknownFactException("Config is absent from the image document");
        }
        return config;
    }
}
