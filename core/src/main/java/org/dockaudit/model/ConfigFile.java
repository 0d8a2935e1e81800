package org.dockaudit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** A configuration file: its path and content, or {@code exists} false when there is none. */
public record ConfigFile(String path, boolean exists, String content) {

    /**
     * The content as a JSON object ({@code daemon.json}): an empty one when the file does not
     * exist; unknown, with why, when it does not parse or is no object.
     */
    public Fact<JsonNode> json() {
        if (!exists) {
            return Fact.of(Json.MAPPER.createObjectNode());
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(content);
            return parsed != null && parsed.isObject() ? Fact.of(parsed) : Fact.unknown(path + " is not a JSON object");
        } catch (JsonProcessingException e) {
            return Fact.unknown(path + " does not parse (DMN-010)");
        }
    }
}
