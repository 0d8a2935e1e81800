package org.dockaudit.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.ImageRecord;
import org.dockaudit.model.Snapshot;

/**
 * Replaces environment values with {@link Snapshot#REDACTED} in container and image documents,
 * keeping the names: a snapshot leaves the host, secrets passed as environment must not.
 */
public final class Redactor {

    private static final List<String> ENV_HOLDERS = List.of("Config", "ContainerConfig");

    private Redactor() {}

    public static Snapshot redact(Snapshot snapshot) {
        List<ContainerRecord> containers = snapshot.containers().stream()
                .map(c -> new ContainerRecord(redact(c.inspect()), c.runtime()))
                .toList();
        List<ImageRecord> images = snapshot.images().stream()
                .map(image -> new ImageRecord(redact(image.inspect()), image.setuidFiles()))
                .toList();
        return new Snapshot(snapshot.formatVersion(), snapshot.tool(), snapshot.collectedAt(), snapshot.source(), true,
                snapshot.host(), snapshot.daemon(), containers, images, snapshot.notes());
    }

    static JsonNode redact(JsonNode document) {
        JsonNode copy = document.deepCopy();
        for (String holder : ENV_HOLDERS) {
            if (copy.path(holder).path("Env") instanceof ArrayNode env) {
                for (int i = 0; i < env.size(); i++) {
                    String entry = env.get(i).asText();
                    int equals = entry.indexOf('=');
                    String name = equals < 0 ? entry : entry.substring(0, equals);
                    env.set(i, name + "=" + Snapshot.REDACTED);
                }
                ((ObjectNode) copy.get(holder)).set("Env", env);
            }
        }
        return copy;
    }
}
