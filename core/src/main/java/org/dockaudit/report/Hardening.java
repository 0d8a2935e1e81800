package org.dockaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dockaudit.check.CheckResult;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Target;
import org.dockaudit.check.devices.HostDevicesAdded;
import org.dockaudit.model.Capabilities;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.Snapshot;

/**
 * Per container, the {@code docker run} flags (and Compose keys) that fix its findings: what to
 * add, what to remove, and what only the daemon can change. Values such as the memory size are
 * starting points to size to the workload, and are said to be.
 *
 * @param add     flags to add to {@code docker run}
 * @param remove  flags of the current configuration to drop
 * @param compose       the same as Compose service keys to set
 * @param composeDelete the Compose keys (or list entries) to delete, for what {@code remove} drops
 * @param notes         what flags cannot fix, or needs a human decision
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Hardening(Target target, List<String> add, List<String> remove, Map<String, Object> compose,
        List<String> composeDelete, List<String> notes) {

    public static List<Hardening> of(Snapshot snapshot, List<CheckResult> results) {
        List<Hardening> hardening = new ArrayList<>();
        Map<Target, List<CheckResult>> failuresByTarget = results.stream()
                .filter(r -> r.outcome() instanceof Outcome.Fail)
                .collect(Collectors.groupingBy(CheckResult::target));
        for (ContainerRecord record : snapshot.containers()) {
            ContainerContext container = new ContainerContext(record, snapshot);
            List<CheckResult> failures = failuresByTarget.getOrDefault(container.target(), List.of());
            Set<String> failed = failures.stream().map(r -> r.check().id()).collect(Collectors.toCollection(LinkedHashSet::new));
            String evidence = failures.stream().flatMap(r -> ((Outcome.Fail) r.outcome()).evidence().stream())
                    .collect(Collectors.joining("\n"));
            if (!failed.isEmpty()) {
                Hardening advice = advise(container, failed, evidence);
                if (!advice.add().isEmpty() || !advice.remove().isEmpty() || !advice.notes().isEmpty()) {
                    hardening.add(advice);
                }
            }
        }
        return hardening;
    }

    private static Hardening advise(ContainerContext container, Set<String> failed, String evidence) {
        List<String> add = new ArrayList<>();
        Drops remove = new Drops();
        Map<String, Object> compose = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        JsonNode hostConfig = container.inspect().path("HostConfig");
        List<String> securityOpts = new ArrayList<>();
        if (failed.contains("PRIV-001") || failed.contains("DEV-003")) {
            remove.add("--privileged", "privileged");
        }
        if (failed.contains("PRIV-001") || failed.contains("PRIV-002") || failed.contains("PRIV-003") || failed.contains("PRIV-004")) {
            add.add("--cap-drop ALL");
            compose.put("cap_drop", List.of("ALL"));
            List<String> keep = new ArrayList<>();
            for (JsonNode cap : hostConfig.path("CapAdd")) {
                String name = Capabilities.canonical(cap.asText());
                if (DockerDefaults.CAPABILITIES.contains(name)) {
                    keep.add(name.substring(4));
                } else {
                    remove.add("--cap-add " + cap.asText(), "cap_add: " + cap.asText());
                }
            }
            keep.forEach(cap -> add.add("--cap-add " + cap));
            if (!keep.isEmpty()) {
                compose.put("cap_add", keep);
            }
            notes.add("add back with --cap-add only the capabilities the workload is seen to use");
        }
        if (failed.contains("PRIV-005")) {
            add.add("--user 1000:1000");
            compose.put("user", "1000:1000");
        }
        if (failed.contains("PRIV-006")) {
            add.add("--security-opt no-new-privileges");
            securityOpts.add("no-new-privileges:true");
        }
        // In check order: Map.of would iterate in an order that changes from one run to the next.
        List.of(List.of("ISO-001", "--pid=host", "pid"), List.of("ISO-002", "--network=host", "network_mode"),
                List.of("ISO-003", "--ipc=host", "ipc"), List.of("ISO-004", "--uts=host", "uts")).forEach(mode -> {
            if (failed.contains(mode.get(0))) {
                remove.add(mode.get(1), mode.get(2));
            }
        });
        if (failed.contains("ISO-005")) {
            if (hostConfig.path("UsernsMode").asText("").equals("host")) {
                remove.add("--userns=host", "userns_mode");
            }
            notes.add("user namespaces are a daemon setting: enable userns-remap in daemon.json");
        }
        if (failed.contains("ISO-006")) {
            add.add("--cgroupns private");
            compose.put("cgroup", "private");
        }
        if (failed.contains("ISO-007")) {
            // The inspect field, the docker run flag, the Compose key.
            for (List<String> shared : List.of(List.of("PidMode", "--pid", "pid"), List.of("NetworkMode", "--network", "network_mode"),
                    List.of("IpcMode", "--ipc", "ipc"))) {
                String mode = hostConfig.path(shared.get(0)).asText("");
                if (mode.startsWith("container:")) {
                    // As the user typed it: the container's name, not the 64-hex id the engine stores.
                    String reference = mode.substring("container:".length());
                    String named = container.findContainer(reference).map(ContainerContext::name).orElse(reference);
                    remove.add(shared.get(1) + "=container:" + named, shared.get(2));
                }
            }
        }
        for (JsonNode mount : container.inspect().path("Mounts")) {
            // The mount checks describe each mount they flag as "bind SOURCE -> DESTINATION".
            String source = mount.path("Source").asText();
            String destination = mount.path("Destination").asText();
            if (evidence.contains("bind " + source + " -> " + destination + " ")) {
                remove.add("-v " + source + ":" + destination, "volumes: " + source + ":" + destination);
            }
        }
        if (failed.contains("ISO-011")) {
            List<String> ports = new ArrayList<>();
            hostConfig.path("PortBindings").properties().forEach(port -> port.getValue().forEach(binding -> {
                String published = binding.path("HostPort").asText() + ":" + port.getKey().replace("/tcp", "");
                remove.add("-p " + published, "ports: " + published);
                add.add("-p 127.0.0.1:" + published);
                ports.add("127.0.0.1:" + published);
            }));
            if (hostConfig.path("PublishAllPorts").asBoolean(false)) {
                remove.add("-P", null);
            }
            if (!ports.isEmpty()) {
                compose.put("ports", ports);
                notes.add("127.0.0.1 keeps the service to this host; if other machines must reach it, publish it on the one"
                        + " interface they use instead (-p <that interface's address>:" + ports.getFirst().substring("127.0.0.1:".length())
                        + "), not on all of them");
            }
        }
        if (failed.contains("DEV-001")) {
            hostConfig.path("Devices").forEach(device -> {
                String path = device.path("PathOnHost").asText();
                if (!HostDevicesAdded.withinDockerDefault(path)) {
                    remove.add("--device " + path + " (or keep it with the least permissions, e.g. :r)", "devices: " + path);
                }
            });
        }
        if (failed.contains("DEV-002")) {
            hostConfig.path("DeviceCgroupRules").forEach(rule -> remove.add("--device-cgroup-rule '" + rule.asText() + "'",
                    "device_cgroup_rules: '" + rule.asText() + "'"));
        }
        if (failed.contains("RES-001")) {
            add.add("--memory 512m");
            compose.put("mem_limit", "512m");
            notes.add("size --memory (and --pids-limit, --cpus) to the workload; the values shown are starting points");
        }
        if (failed.contains("RES-002")) {
            long memory = hostConfig.path("Memory").asLong(0);
            add.add("--memory-swap " + (memory > 0 ? memory : "512m"));
            compose.put("memswap_limit", memory > 0 ? memory : "512m");
        }
        if (failed.contains("RES-003")) {
            add.add("--cpus 1");
            compose.put("cpus", 1.0);
        }
        if (failed.contains("RES-004")) {
            add.add("--pids-limit 100");
            compose.put("pids_limit", 100);
        }
        if (failed.contains("RES-005")) {
            remove.add("--oom-kill-disable", "oom_kill_disable");
        }
        if (failed.contains("RES-007")) {
            JsonNode policy = hostConfig.path("RestartPolicy");
            remove.add("--restart " + policy.path("Name").asText()
                    + (policy.path("MaximumRetryCount").asInt(0) > 0 ? ":" + policy.path("MaximumRetryCount").asInt() : ""), "restart");
            add.add("--restart on-failure:5");
            compose.put("restart", "on-failure:5");
        }
        for (JsonNode option : hostConfig.path("SecurityOpt")) {
            String text = option.asText().replace(':', '=');
            if ((failed.contains("KRN-001") && text.equals("seccomp=unconfined"))
                    || (failed.contains("MAC-002") && text.equals("apparmor=unconfined"))
                    || (failed.contains("MAC-003") && text.equals("label=disable"))) {
                remove.add("--security-opt " + option.asText(), "security_opt: " + option.asText());
            }
        }
        if (failed.contains("KRN-003")) {
            // mode=1777: a tmpfs takes the image's /tmp mode, and a non-root --user cannot write a /tmp that is not 1777.
            add.add("--read-only");
            add.add("--tmpfs /tmp:mode=1777");
            compose.put("read_only", true);
            compose.put("tmpfs", List.of("/tmp:mode=1777"));
        }
        if (failed.contains("KRN-020") || failed.contains("KRN-021")) {
            notes.add("the seccomp filter lets through more than this workload needs: trace it (strace -qcf -o trace.txt ...)"
                    + " and give it a profile of its own: dockaudit seccomp generate --from-strace trace.txt -o profile.json,"
                    + " then --security-opt seccomp=profile.json");
        }
        if (!securityOpts.isEmpty()) {
            compose.put("security_opt", securityOpts);
        }
        return new Hardening(container.target(), dedupe(add), List.copyOf(remove.flags), compose, List.copyOf(remove.composeKeys), notes);
    }

    /** Flags to drop, each with the Compose key (or list entry) that says the same; in order, once each. */
    private static final class Drops {
        final Set<String> flags = new LinkedHashSet<>();
        final Set<String> composeKeys = new LinkedHashSet<>();

        /** @param composeKey null when Compose has no key for it ({@code -P}) */
        void add(String flag, String composeKey) {
            flags.add(flag);
            if (composeKey != null) {
                composeKeys.add(composeKey);
            }
        }
    }

    private static List<String> dedupe(List<String> flags) {
        return List.copyOf(new LinkedHashSet<>(flags));
    }

    /** The flags to add, as one {@code docker run} line. */
    public String dockerRun(String image) {
        StringBuilder line = new StringBuilder("docker run");
        add.forEach(flag -> line.append(" \\\n      ").append(flag));
        return line.append(" \\\n      ").append(image).toString();
    }
}
