package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Raw answers of the Engine API: {@code /version}, {@code /info}, {@code /plugins},
 * {@code /networks/bridge} (the default bridge, whose options say whether containers talk freely)
 * and the exec sessions the daemon remembers.
 *
 * @param swarm on an active swarm manager, {@code {"nodes": ..., "services": ..., "networks": ...}}:
 *              {@code GET /nodes}, {@code GET /services} with environment values and secrets in
 *              arguments redacted as they are read, and the overlay networks; unknown elsewhere
 * @param execs each {@code exec_create} event the daemon still holds (it keeps its last 256 events
 *              of every kind, since it started), as {@code {"event": ..., "inspect": ...}} with
 *              {@code GET /exec/{id}/json}, or a null inspect when the daemon has forgotten it
 * @param podmanInfo Podman's own {@code GET /libpod/info}, on a Podman engine: what its Docker
 *              {@code /info} leaves out, such as whether it runs rootless ({@code host.security.rootless})
 */
public record DaemonFacts(Fact<JsonNode> version, Fact<JsonNode> info, Fact<JsonNode> plugins, Fact<JsonNode> defaultBridge,
        Fact<JsonNode> swarm, Fact<JsonNode> execs, Fact<JsonNode> podmanInfo) {

    public DaemonFacts {
        swarm = swarm != null ? swarm : Fact.unknown(Fact.Gap.NOT_COLLECTED, "the swarm's services were not recorded in this snapshot");
        execs = execs != null ? execs : Fact.unknown(Fact.Gap.NOT_COLLECTED, "exec sessions were not recorded in this snapshot");
        podmanInfo = podmanInfo != null ? podmanInfo : Fact.unknown(Fact.Gap.NOT_COLLECTED, "Podman's own info was not recorded in this snapshot");
    }

    /** Facts this input does not carry (inspect output, an older snapshot). */
    public static DaemonFacts notCollected(String reason) {
        Fact<JsonNode> none = Fact.unknown(Fact.Gap.NOT_COLLECTED, reason);
        return new DaemonFacts(none, none, none, none, none, none, none);
    }

    /**
     * Whether the engine is Podman answering the Docker API ({@code podman system service}): its
     * {@code /version} names a "Podman Engine" component. It has no dockerd and no daemon.json.
     */
    public boolean podman() {
        return podmanVersion(version).isPresent();
    }

    /**
     * The {@code host.security} of Podman's own info ({@code rootless}, {@code capabilities},
     * {@code seccompProfilePath}); a missing node where that info is not known.
     */
    public JsonNode podmanSecurity() {
        return podmanInfo.known() ? podmanInfo.value().path("host").path("security") : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The version of the "Podman Engine" component a {@code /version} names, if it names one. */
    public static java.util.Optional<String> podmanVersion(Fact<JsonNode> version) {
        if (version == null || !version.known()) {
            return java.util.Optional.empty();
        }
        for (JsonNode component : version.value().path("Components")) {
            if (component.path("Name").asText("").startsWith("Podman")) {
                return java.util.Optional.of(component.path("Version").asText(""));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Whether an entry of docker info's {@code SecurityOptions} names the engine's own seccomp
     * profile: {@code name=seccomp,profile=default}, which Docker 23 renamed {@code profile=builtin}.
     */
    public static boolean isBuiltinSeccompProfile(String securityOption) {
        return securityOption.startsWith("name=seccomp")
                && (securityOption.contains("profile=default") || securityOption.contains("profile=builtin"));
    }
}
