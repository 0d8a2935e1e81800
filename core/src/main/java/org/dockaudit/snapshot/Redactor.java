package org.dockaudit.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.ImageRecord;
import org.dockaudit.model.Secrets;
import org.dockaudit.model.Snapshot;

/**
 * Removes secrets from container and image documents before a snapshot leaves the host: every
 * environment value (names kept), and in command lines ({@code Args}, {@code Cmd},
 * {@code Entrypoint}), health checks and labels, the values that look secret (Secrets).
 */
public final class Redactor {

    private static final List<String> CONFIG_HOLDERS = List.of("Config", "ContainerConfig");

    /** What {@link #redact} removes, for the message that says so. */
    public static final String WHAT = "environment values, and secrets in command lines, health checks and labels";

    private Redactor() {}

    public static Snapshot redact(Snapshot snapshot) {
        List<ContainerRecord> containers = snapshot.containers().stream()
                .map(c -> new ContainerRecord(redact(c.inspect()), c.runtime()))
                .toList();
        List<ImageRecord> images = snapshot.images().stream()
                .map(image -> new ImageRecord(redact(image.inspect()), image.setuidFiles(), image.passwdFile(),
                        image.historyFact().map(Redactor::redactHistory)))
                .toList();
        return new Snapshot(snapshot.formatVersion(), snapshot.tool(), snapshot.collectedAt(), snapshot.source(), true,
                snapshot.host(), snapshot.daemon(), containers, images, snapshot.notes());
    }

    static JsonNode redact(JsonNode document) {
        JsonNode copy = document.deepCopy();
        if (copy instanceof ObjectNode root) {
            redactArguments(root, "Args");
        }
        for (String holder : CONFIG_HOLDERS) {
            if (!(copy.path(holder) instanceof ObjectNode config)) {
                continue;
            }
            if (config.path("Env") instanceof ArrayNode env) {
                for (int i = 0; i < env.size(); i++) {
                    String entry = env.get(i).asText();
                    int equals = entry.indexOf('=');
                    String name = equals < 0 ? entry : entry.substring(0, equals);
                    env.set(i, name + "=" + Snapshot.REDACTED);
                }
            }
            redactArguments(config, "Cmd");
            redactArguments(config, "Entrypoint");
            if (config.path("Healthcheck") instanceof ObjectNode healthcheck) {
                redactArguments(healthcheck, "Test");
            }
            if (config.path("Labels") instanceof ObjectNode labels) {
                labels.properties().forEach(label -> {
                    String value = label.getValue().asText();
                    label.setValue(TextNode.valueOf(Secrets.isSecretName(label.getKey()) ? Snapshot.REDACTED : Secrets.redactText(value)));
                });
            }
        }
        return copy;
    }

    /** Each layer's instruction, read as a shell text: a build step can carry a token ({@code RUN curl -H "Authorization: ..."}). */
    static JsonNode redactHistory(JsonNode history) {
        JsonNode copy = history.deepCopy();
        for (JsonNode layer : copy) {
            if (layer instanceof ObjectNode entry && entry.path("CreatedBy").isTextual()) {
                entry.put("CreatedBy", Secrets.redactText(entry.path("CreatedBy").asText()));
            }
        }
        return copy;
    }

    /** An array of arguments; each element is also read as a shell text ({@code CMD-SHELL "curl -u ..."}). */
    private static void redactArguments(ObjectNode holder, String field) {
        if (!(holder.path(field) instanceof ArrayNode arguments)) {
            return;
        }
        List<String> values = new java.util.ArrayList<>();
        arguments.forEach(argument -> values.add(argument.asText()));
        List<String> redacted = Secrets.redactArguments(values);
        for (int i = 0; i < arguments.size(); i++) {
            arguments.set(i, TextNode.valueOf(Secrets.redactText(redacted.get(i))));
        }
    }
}
