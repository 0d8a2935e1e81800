package org.dockaudit.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.model.DaemonFacts;
import org.dockaudit.model.DaemonProcess;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Target;

/**
 * The host and its daemon as checks see them. Daemon settings are read from the running daemon
 * first (its command line), then from {@code daemon.json}; each says where it came from.
 */
public final class HostContext {

    private final Snapshot snapshot;
    private JsonNode daemonConfig;

    public HostContext(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public HostFacts host() {
        return snapshot.host();
    }

    public DaemonFacts daemon() {
        return snapshot.daemon();
    }

    /** Whether the engine is Podman, which has no dockerd, no daemon.json and none of their settings. */
    public boolean podman() {
        return daemon() != null && daemon().podman();
    }

    /** {@code docker info}; unknown when the daemon was not reached. */
    public JsonNode info() {
        return Facts.require(daemon().info(), "docker info");
    }

    /** {@code docker info} when it was collected, for checks that can do without it. */
    public Optional<JsonNode> infoIfKnown() {
        return daemon() == null ? Optional.empty() : Facts.ifKnown(daemon().info());
    }

    public Target target(Target.Kind kind) {
        Optional<JsonNode> info = infoIfKnown();
        String id = info.map(node -> node.path("ID").asText("")).orElse("");
        return switch (kind) {
            case DAEMON -> new Target(kind, podman() ? "podman" : "dockerd", id);
            default -> new Target(Target.Kind.HOST, info.map(node -> node.path("Name").asText("host")).orElse("host"), id);
        };
    }

    /** The daemon's command line, program first. */
    public List<String> daemonArguments() {
        return Facts.require(host().daemonProcess(), "dockerd process").arguments();
    }

    /** {@code daemon.json}, parsed; an empty object when the file does not exist. */
    public JsonNode daemonConfig() {
        // Parsed once: every daemon setting falls back on it. A file that does not parse is not
        // kept, so each check that reads it reports it unknown.
        if (daemonConfig == null) {
            daemonConfig = parseDaemonConfig();
        }
        return daemonConfig;
    }

    private JsonNode parseDaemonConfig() {
        return Facts.require(Facts.require(host().daemonConfig(), "daemon.json").json());
    }

    public String daemonConfigPath() {
        return Facts.require(host().daemonConfig(), "daemon.json").path();
    }

    /** A setting and where it was read. */
    public record Setting(List<String> values, String source) {
        public String value() {
            return values.getLast();
        }
    }

    /**
     * A daemon setting: every {@code --flag value} / {@code --flag=value} on the command line, else
     * the {@code key} of daemon.json (a string, a boolean, a number or an array); empty when
     * neither sets it.
     */
    public Optional<Setting> setting(String flag, String key) {
        return setting(List.of(flag), key);
    }

    /** As {@link #setting(String, String)}, for a setting with several flag spellings ({@code -H}, {@code --host}). */
    public Optional<Setting> setting(List<String> flags, String key) {
        Optional<DaemonProcess> daemon = Facts.ifKnown(host().daemonProcess());
        boolean commandLineKnown = daemon.isPresent();
        List<String> fromCommandLine = daemon.map(process -> process.flagValues(flags)).orElse(List.of());
        if (!fromCommandLine.isEmpty()) {
            return Optional.of(new Setting(fromCommandLine, "dockerd command line"));
        }
        // dockerd refuses to start when a flag and daemon.json both set a directive: a value in
        // the file is the value, whatever the command line we could not read says.
        JsonNode value = daemonConfig().get(key);
        if (value == null || value.isNull()) {
            if (!commandLineKnown) {
                throw new UnknownFactException(String.join("/", flags) + " is not in " + daemonConfigPath()
                        + " and the dockerd command line was not collected");
            }
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(element -> values.add(element.isValueNode() ? element.asText() : element.toString()));
        } else {
            values.add(value.isValueNode() ? value.asText() : value.toString());
        }
        return Optional.of(new Setting(values, daemonConfigPath()));
    }

    /** {@code SecurityOptions} of docker info ({@code name=seccomp,profile=default}, {@code name=userns}, ...). */
    public List<String> securityOptions() {
        return securityOptions(info());
    }

    /**
     * The cgroup namespace a container gets when it asks for none: daemon.json's
     * {@code default-cgroupns-mode}, else the engine's default for the host's cgroup version
     * (private on v2, the host's on v1).
     */
    public Optional<String> defaultCgroupNamespace() {
        Optional<String> configured;
        try {
            configured = Optional.of(daemonConfig().path("default-cgroupns-mode").asText("")).filter(m -> !m.isEmpty());
        } catch (UnknownFactException e) {
            configured = Optional.empty();
        }
        if (configured.isPresent()) {
            return configured;
        }
        return infoIfKnown().map(info -> info.path("CgroupVersion").asText("")).filter(v -> !v.isEmpty())
                .map(version -> version.equals("1") ? "host" : "private");
    }

    /** The same, empty when docker info was not collected. */
    public Optional<List<String>> securityOptionsIfKnown() {
        return infoIfKnown().map(HostContext::securityOptions);
    }

    private static List<String> securityOptions(JsonNode info) {
        List<String> options = new ArrayList<>();
        info.path("SecurityOptions").forEach(option -> options.add(option.asText()));
        return options;
    }

    /**
     * Whether the daemon runs rootless, its root an unprivileged user: docker info's
     * {@code name=rootless}, or for Podman, whose Docker {@code /info} does not say, its own info.
     */
    public boolean rootless() {
        return rootlessSource().isPresent();
    }

    /** Where {@link #rootless()} was read, for evidence; empty when the daemon runs as root. */
    public Optional<String> rootlessSource() {
        if (securityOptions().stream().anyMatch(option -> option.contains("name=rootless"))) {
            return Optional.of("docker info: name=rootless");
        }
        if (podman() && daemon().podmanSecurity().path("rootless").asBoolean()) {
            return Optional.of("Podman's info: host.security.rootless is true");
        }
        return Optional.empty();
    }
}
