package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Raw answers of the Engine API's {@code /version}, {@code /info} and {@code /plugins}. */
public record DaemonFacts(Fact<JsonNode> version, Fact<JsonNode> info, Fact<JsonNode> plugins) {

    public static DaemonFacts unknown(String reason) {
        return new DaemonFacts(Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason));
    }
}
