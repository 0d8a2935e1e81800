package org.dockaudit.check.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.NotApplicableException;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.model.Capabilities;
import org.dockaudit.model.DaemonFacts;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.DockerDefaultProfiles;
import org.dockaudit.seccomp.Loader;
import org.dockaudit.seccomp.Program;

/**
 * The seccomp profile a container's configuration asks for: the Docker CLI inlines a custom
 * profile as {@code seccomp={...}} in SecurityOpt; nothing there means Docker's default.
 */
public final class ClaimedProfile {

    private ClaimedProfile() {}

    static Optional<JsonNode> custom(ContainerContext container) {
        for (String option : container.strings("HostConfig", "SecurityOpt")) {
            String normalized = option.replaceFirst("^seccomp[:=]", "");
            if (!normalized.equals(option) && normalized.startsWith("{")) {
                try {
                    return Optional.of(Json.MAPPER.readTree(normalized));
                } catch (JsonProcessingException e) {
                    throw new UnknownFactException("the inlined seccomp profile does not parse: " + e.getOriginalMessage());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The filters a container that is not running will get, as the audit analyses them: a custom
     * profile compiled as runc would, or the daemon's default when dockaudit has its reference.
     * Empty when it will get none; unknown (the exception says why) when that cannot be known.
     */
    public static List<Program> futureFilters(ContainerContext container) {
        try {
            return SeccompAnalysis.ofConfiguration(container).map(SeccompAnalysis.Analysed::programs)
                    .orElseThrow(() -> new UnknownFactException(SeccompAnalysis.FILTER_NOT_KNOWN));
        } catch (NotApplicableException unfiltered) {
            return List.of();
        }
    }

    /** The {@code seccomp=unconfined} (or {@code seccomp:unconfined}) option, when the container has it. */
    public static Optional<String> unconfinedOption(ContainerContext container) {
        return container.strings("HostConfig", "SecurityOpt").stream()
                .filter(option -> option.replace(':', '=').equals("seccomp=unconfined"))
                .findFirst();
    }

    /** Whether the container starts without any filter: seccomp=unconfined, or --privileged. */
    public static boolean unfiltered(ContainerContext container) {
        return unconfinedOption(container).isPresent() || container.bool("HostConfig", "Privileged");
    }

    public static boolean isDefault(ContainerContext container) {
        return container.strings("HostConfig", "SecurityOpt").stream().noneMatch(o -> o.startsWith("seccomp"))
                && !container.bool("HostConfig", "Privileged");
    }

    /** The capabilities the container gets: Docker's default, plus --cap-add, minus --cap-drop. */
    public static Set<String> capabilities(ContainerContext container) {
        Set<String> caps = new TreeSet<>(DockerDefaults.CAPABILITIES);
        Set<String> dropped = new TreeSet<>();
        container.strings("HostConfig", "CapDrop").forEach(cap -> dropped.add(Capabilities.canonical(cap)));
        if (dropped.contains("ALL")) {
            caps.clear();
        }
        caps.removeAll(dropped);
        for (String cap : container.strings("HostConfig", "CapAdd")) {
            String name = Capabilities.canonical(cap);
            if (name.equals("ALL")) {
                caps.addAll(Capabilities.all(40));
            } else {
                caps.add(name);
            }
        }
        return caps;
    }

    /**
     * The capabilities the container holds: the effective sets of its processes when it runs (a
     * status that could not be read makes this unknown), else those its configuration gives.
     */
    public static Set<String> held(ContainerContext container) {
        if (!container.running()) {
            return capabilities(container);
        }
        Set<String> held = new TreeSet<>();
        container.processes().orElse(List.of()).forEach(process -> held.addAll(
                Facts.status(process).capabilities().effective()));
        return held;
    }

    /**
     * Docker's builtin profile as the container's daemon ships it: its version and architecture
     * known (x86_64), that version shipping one (20.10 and later), and the daemon using it rather
     * than a daemon-wide custom profile.
     */
    static Optional<DockerDefaultProfiles.Shipped> builtinProfile(Snapshot snapshot) {
        var daemon = snapshot.daemon();
        if (daemon != null && daemon.podman()) {
            // Podman's default is containers-common's profile file, which its own info names and the host holds.
            return Facts.ifKnown(snapshot.host().engineSeccompProfile()).map(profile -> new DockerDefaultProfiles.Shipped("",
                    "containers-common", daemon.podmanSecurity().path("seccompProfilePath").asText(""), profile));
        }
        boolean builtin = new HostContext(snapshot).securityOptionsIfKnown()
                .map(options -> options.stream().anyMatch(DaemonFacts::isBuiltinSeccompProfile))
                .orElse(false);
        return daemon == null || !builtin ? Optional.empty() : Facts.ifKnown(daemon.version())
                .filter(version -> version.path("Arch").asText("").equals("amd64"))
                .flatMap(version -> DockerDefaultProfiles.forVersion(version.path("Version").asText(null)));
    }

    /**
     * The dump shipped beside the profiles is the builtin profile of 20.10.18 to 20.10.25 (the
     * lab's 20.10.24) as runc installed it: used as is where that profile applies.
     */
    static boolean referenceApplies(Snapshot snapshot) {
        return builtinProfile(snapshot).map(shipped -> shipped.file().equals(REFERENCE_FILE)).orElse(false);
    }

    private static final String REFERENCE_FILE = "20.10.18.json";

    /**
     * What loads the container's profile: its daemon's Docker and runc versions (from
     * {@code /version}), on x86_64, judged against the host's kernel release.
     */
    static Loader loader(ContainerContext container) {
        return loader(container.snapshot());
    }

    static Loader loader(Snapshot snapshot) {
        var daemon = snapshot.daemon();
        String kernel = Facts.ifKnown(snapshot.host().kernelRelease()).orElse(null);
        if (daemon != null && daemon.podman() && daemon.podmanInfo().known()) {
            return Loader.ofPodman(daemon.podmanInfo().value(), Arch.X86_64, kernel);
        }
        return (daemon == null ? Optional.<JsonNode>empty() : Facts.ifKnown(daemon.version()))
                .map(version -> Loader.ofEngine(version, Arch.X86_64, kernel))
                .orElseGet(() -> Loader.of(null, null, Arch.X86_64, kernel));
    }
}
