package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Raw answers of the Engine API: {@code /version}, {@code /info}, {@code /plugins} and
 * {@code /networks/bridge} (the default bridge, whose options say whether containers talk freely).
 */
public record DaemonFacts(Fact<JsonNode> version, Fact<JsonNode> info, Fact<JsonNode> plugins, Fact<JsonNode> defaultBridge) {

    public static DaemonFacts unknown(String reason) {
        return new DaemonFacts(Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason));
    }
}
