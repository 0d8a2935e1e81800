package org.dockaudit.check.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.UnknownFactException;

/**
 * A host path bind-mounted into a container, from the inspect document's resolved {@code Mounts}.
 *
 * @param source       as the engine reports it, for the evidence
 * @param hostPath     {@code source} normalized, for comparisons
 */
public record HostMount(String source, String hostPath, String destination, boolean readWrite, String propagation) {

    HostMount(String source, String destination, boolean readWrite, String propagation) {
        this(source, normalize(source), destination, readWrite, propagation);
    }

    public static List<HostMount> of(ContainerContext container) {
        JsonNode mounts = container.inspect().path("Mounts");
        List<HostMount> binds = new ArrayList<>();
        if (mounts.isArray()) {
            for (JsonNode mount : mounts) {
                if ("bind".equals(mount.path("Type").asText()) || "npipe".equals(mount.path("Type").asText())) {
                    binds.add(new HostMount(mount.path("Source").asText(), mount.path("Destination").asText(),
                            mount.path("RW").asBoolean(true), mount.path("Propagation").asText("")));
                }
            }
            return binds;
        }
        // Without Mounts (trimmed inspect output), fall back to -v host:container[:options].
        JsonNode configured = container.inspect().path("HostConfig").path("Binds");
        if (configured.isMissingNode()) {
            throw new UnknownFactException("neither Mounts nor HostConfig.Binds is in the inspect document");
        }
        for (JsonNode bind : configured) {
            String[] parts = bind.asText().split(":");
            if (parts.length >= 2 && (parts[0].startsWith("/") || parts[0].startsWith("\\\\"))) {
                String options = parts.length > 2 ? parts[2] : "";
                List<String> flags = List.of(options.split(","));
                String propagation = flags.stream().filter(f -> f.matches("r?(shared|slave|private)")).findFirst().orElse("");
                binds.add(new HostMount(parts[0], parts[1], !flags.contains("ro"), propagation));
            }
        }
        return binds;
    }

    /** Compiled once: every mount of every container is normalized. */
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/+");

    /** Folds "/var/run" onto "/run" (a link on every current distribution) and trailing slashes. */
    static String normalize(String path) {
        String slashes = path.replace('\\', '/');
        if (slashes.startsWith("//./pipe/")) {
            // A Windows named pipe: case-insensitive, and its leading "//" is part of the name.
            return slashes.toLowerCase(java.util.Locale.ROOT);
        }
        String normalized = REPEATED_SLASHES.matcher(path).replaceAll("/");
        if (normalized.length() > 1 && normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (normalized.equals("/var/run") || normalized.startsWith("/var/run/")) {
            normalized = "/run" + normalized.substring("/var/run".length());
        }
        return normalized;
    }

    /** True when {@code path} is this mount's source or lies below it. */
    public boolean exposes(String path) {
        return path.equals(hostPath) || hostPath.equals("/") || path.startsWith(hostPath + "/");
    }

    /** The fix that drops these binds, as they were given to {@code docker run} and Compose. */
    public static Fix removal(String reason, java.util.Collection<HostMount> mounts) {
        Fix.Builder fix = Fix.because(reason);
        mounts.forEach(mount -> mount.removeIn(fix));
        return fix.build();
    }

    /** Adds the removal of this bind to a fix. */
    public Fix.Builder removeIn(Fix.Builder fix) {
        return fix.remove("-v " + source + ":" + destination, "volumes: " + source + ":" + destination);
    }

    public String describe() {
        return "bind " + source + " -> " + destination + " (" + (readWrite ? "read-write" : "read-only")
                + (propagation.isEmpty() ? "" : ", " + propagation) + ")";
    }
}
