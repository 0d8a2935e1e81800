package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Raw answers of the Engine API: {@code /version}, {@code /info}, {@code /plugins} and
 * {@code /networks/bridge} (the default bridge, whose options say whether containers talk freely).
 */
public record DaemonFacts(Fact<JsonNode> version, Fact<JsonNode> info, Fact<JsonNode> plugins, Fact<JsonNode> defaultBridge) {

    /** Facts this input does not carry (inspect output, an older snapshot). */
    public static DaemonFacts notCollected(String reason) {
        return new DaemonFacts(Fact.unknown(Fact.Gap.NOT_COLLECTED, reason), Fact.unknown(Fact.Gap.NOT_COLLECTED, reason), Fact.unknown(Fact.Gap.NOT_COLLECTED, reason), Fact.unknown(Fact.Gap.NOT_COLLECTED, reason));
    }

    /**
     * Whether an entry of docker info's {@code SecurityOptions} names the engine's own seccomp
     * profile: {@code name=seccomp,profile=default}, which Docker 23 renamed {@code profile=builtin}.
     */
    /**
     * Whether the engine is Podman answering the Docker API ({@code podman system service}): its
     * {@code /version} names a "Podman Engine" component. It has no dockerd and no daemon.json.
     */
    public boolean podman() {
        if (version == null || !version.known()) {
            return false;
        }
        for (JsonNode component : version.value().path("Components")) {
            if (component.path("Name").asText("").startsWith("Podman")) {
                return true;
            }
        }
        return false;
    }

    public static boolean isBuiltinSeccompProfile(String securityOption) {
        return securityOption.startsWith("name=seccomp")
                && (securityOption.contains("profile=default") || securityOption.contains("profile=builtin"));
    }
}
