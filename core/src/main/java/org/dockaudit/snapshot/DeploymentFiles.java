package org.dockaudit.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.DaemonFacts;
import org.dockaudit.model.Fact;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.SourceLocation;
import org.dockaudit.model.Tool;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Containers declared in a deployment file, before they run: each Compose service, and each
 * container of a Kubernetes workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, in a multi-document file or a {@code List}, as Helm renders them), turned into the
 * inspect document Docker would give the container, so that the same checks judge it. What only
 * the kernel can tell is not in a file: those facts are unknown. Each container keeps where it is
 * declared and the lines of the keys the checks read ({@link SourceLocation}).
 */
public final class DeploymentFiles {

    private static final String NOT_RUN = "declared in a file, not running: the kernel's view is not in it";
    private static final List<String> WORKLOADS = List.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "ReplicationController", "Job", "CronJob");

    private DeploymentFiles() {}

    /** Whether the input reads as YAML rather than JSON: JSON starts with a brace or a bracket. */
    public static boolean isYaml(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b != '{' && b != '[';
            }
        }
        return false;
    }

    public static Snapshot parse(String name, byte[] bytes) throws SnapshotFormatException {
        List<Node> documents = new ArrayList<>();
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            for (Node document : new Yaml(options).composeAll(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (YAMLException e) {
            throw new SnapshotFormatException(name + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (documents.size() == 1 && documents.getFirst() instanceof MappingNode map && value(map, "services") instanceof MappingNode) {
            return compose(name, map);
        }
        List<Built> built = new ArrayList<>();
        boolean kubernetes = false;
        for (Node document : documents) {
            if (document instanceof MappingNode map && value(map, "apiVersion") != null && value(map, "kind") != null) {
                kubernetes = true;
                kubernetes(name, map, built);
            }
        }
        if (!kubernetes) {
            throw new SnapshotFormatException(name + ": neither a Compose file (no services) nor Kubernetes manifests"
                    + " (no document with apiVersion and kind)");
        }
        return snapshot(name, "kubernetes", built);
    }

    /** One container as built: its inspect document and where it is declared. */
    private record Built(ObjectNode inspect, SourceLocation location) {}

    /** The inspect document being built for one container, with the lines of the keys that set it. */
    private static final class Declared {
        final ObjectNode inspect = Json.MAPPER.createObjectNode();
        final ObjectNode config = inspect.putObject("Config");
        final ObjectNode host = inspect.putObject("HostConfig");
        final ArrayNode mounts = inspect.putArray("Mounts");
        final Map<String, Integer> keys = new LinkedHashMap<>();
        final String file;
        final int line;

        Declared(String file, String name, Node at) {
            this(file, at == null ? 0 : line(at), id(file + "#" + name), name);
        }

        Declared(String file, int line, String id, String name) {
            this.file = file;
            this.line = line;
            inspect.put("Id", id);
            inspect.put("Name", "/" + name);
            inspect.put("Platform", "linux");
            inspect.putObject("State").put("Status", "created").put("Running", false).put("Pid", 0);
            // What Docker's inspect says of a container created with no option, where the file is silent.
            host.put("NetworkMode", "default");
            host.put("Privileged", false);
            host.put("ReadonlyRootfs", false);
            host.put("PublishAllPorts", false);
            host.put("OomKillDisable", false);
            host.put("Runtime", "");
            host.put("CgroupParent", "");
            host.put("CgroupnsMode", "");
            for (String mode : List.of("PidMode", "IpcMode", "UTSMode", "UsernsMode")) {
                host.put(mode, "");
            }
            for (String limit : List.of("Memory", "MemorySwap", "NanoCpus", "CpuQuota", "CpuPeriod", "CpuShares")) {
                host.put(limit, 0);
            }
            host.put("CpusetCpus", "");
            host.putNull("PidsLimit");
            host.putArray("Devices");
            host.putNull("DeviceCgroupRules");
            host.putNull("CapAdd");
            host.putNull("CapDrop");
            host.putObject("PortBindings");
            host.putArray("Binds");
            host.putArray("SecurityOpt");
            host.putObject("RestartPolicy").put("Name", "no");
            config.put("User", "");
            config.putArray("Env");
            inspect.putObject("NetworkSettings").putObject("Networks");
        }

        /** The markers a finding's evidence names when this key is its cause. */
        void at(Node key, String... markers) {
            if (key == null) {
                return;
            }
            for (String marker : markers) {
                keys.putIfAbsent(marker, line(key));
            }
        }

        void bind(Node at, String source, String destination, boolean readOnly) {
            ((ArrayNode) host.get("Binds")).add(source + ":" + destination + (readOnly ? ":ro" : ""));
            mounts.addObject().put("Type", "bind").put("Source", source).put("Destination", destination).put("Mode", readOnly ? "ro" : "")
                    .put("RW", !readOnly).put("Propagation", "rprivate");
            at(at, "bind " + source + " -> ");
        }

        void securityOption(Node at, String option) {
            ((ArrayNode) host.get("SecurityOpt")).add(option);
            at(at, option.replace(':', '='), option, "SecurityOpt");
        }

        Built build() {
            return new Built(inspect, new SourceLocation(file, line, keys));
        }
    }

    private static Snapshot compose(String name, MappingNode root) throws SnapshotFormatException {
        List<Built> built = new ArrayList<>();
        for (NodeTuple service : ((MappingNode) value(root, "services")).getValue()) {
            String serviceName = text(service.getKeyNode());
            if (!(service.getValueNode() instanceof MappingNode spec)) {
                continue;
            }
            Declared declared = new Declared(name, serviceName, service.getKeyNode());
            // Compose puts each service on its project's network, not Docker's default bridge.
            ((ObjectNode) declared.inspect.path("NetworkSettings").path("Networks")).putObject("default");
            for (NodeTuple entry : merged(spec)) {
                try {
                    composeKey(declared, text(entry.getKeyNode()), entry.getKeyNode(), entry.getValueNode());
                } catch (NumberFormatException e) {
                    throw new SnapshotFormatException(name + ":" + line(entry.getKeyNode()) + ": " + text(entry.getKeyNode())
                            + " of service " + serviceName + ": not a number (" + e.getMessage() + ")");
                }
            }
            built.add(declared.build());
        }
        return snapshot(name, "compose", built);
    }

    private static void composeKey(Declared declared, String key, Node at, Node value) {
        ObjectNode host = declared.host;
        switch (key) {
            case "image" -> {
                declared.config.put("Image", text(value));
                declared.at(at, "Config.Image");
            }
            case "user" -> {
                declared.config.put("User", text(value));
                declared.at(at, "Config.User", "--user");
            }
            case "privileged" -> {
                host.put("Privileged", bool(value));
                declared.at(at, "HostConfig.Privileged", "--privileged");
            }
            case "cap_add" -> {
                host.set("CapAdd", strings(value));
                declared.at(at, "--cap-add", "CapAdd");
            }
            case "cap_drop" -> {
                host.set("CapDrop", strings(value));
                declared.at(at, "--cap-drop", "CapDrop");
            }
            case "pid" -> {
                host.put("PidMode", text(value));
                declared.at(at, "PidMode", "--pid");
            }
            case "network_mode" -> {
                host.put("NetworkMode", text(value));
                ObjectNode networks = (ObjectNode) declared.inspect.path("NetworkSettings").path("Networks");
                networks.removeAll();
                networks.putObject(text(value));
                declared.at(at, "NetworkMode", "--network");
            }
            case "ipc" -> {
                host.put("IpcMode", text(value));
                declared.at(at, "IpcMode", "--ipc");
            }
            case "uts" -> {
                host.put("UTSMode", text(value));
                declared.at(at, "UTSMode", "--uts");
            }
            case "userns_mode" -> {
                host.put("UsernsMode", text(value));
                declared.at(at, "UsernsMode", "--userns");
            }
            case "cgroup_parent" -> {
                host.put("CgroupParent", text(value));
                declared.at(at, "--cgroup-parent", "CgroupParent");
            }
            case "runtime" -> {
                host.put("Runtime", text(value));
                declared.at(at, "--runtime", "runtime '");
            }
            case "read_only" -> {
                host.put("ReadonlyRootfs", bool(value));
                declared.at(at, "ReadonlyRootfs", "--read-only");
            }
            case "security_opt" -> {
                if (value instanceof SequenceNode options) {
                    for (Node option : options.getValue()) {
                        declared.securityOption(option, text(option));
                    }
                }
            }
            case "volumes" -> {
                if (value instanceof SequenceNode volumes) {
                    for (Node volume : volumes.getValue()) {
                        composeVolume(declared, volume);
                    }
                }
            }
            case "devices" -> {
                ArrayNode devices = host.putArray("Devices");
                for (String device : texts(value)) {
                    String[] parts = device.split(":");
                    devices.addObject().put("PathOnHost", parts[0]).put("PathInContainer", parts.length > 1 ? parts[1] : parts[0])
                            .put("CgroupPermissions", parts.length > 2 ? parts[2] : "rwm");
                }
                declared.at(at, "--device", "Devices");
            }
            case "mem_limit" -> {
                host.put("Memory", bytes(text(value), false));
                declared.at(at, "HostConfig.Memory", "--memory");
            }
            case "memswap_limit" -> host.put("MemorySwap", bytes(text(value), false));
            case "cpus" -> {
                host.put("NanoCpus", Math.round(Double.parseDouble(text(value)) * 1e9));
                declared.at(at, "--cpus");
            }
            case "pids_limit" -> {
                host.put("PidsLimit", Long.parseLong(text(value)));
                declared.at(at, "PidsLimit", "--pids-limit");
            }
            case "deploy" -> {
                Node limits = value instanceof MappingNode deploy && value(deploy, "resources") instanceof MappingNode resources
                        ? value(resources, "limits") : null;
                if (limits instanceof MappingNode limit) {
                    for (NodeTuple entry : limit.getValue()) {
                        switch (text(entry.getKeyNode())) {
                            case "memory" -> composeKey(declared, "mem_limit", entry.getKeyNode(), entry.getValueNode());
                            case "cpus" -> composeKey(declared, "cpus", entry.getKeyNode(), entry.getValueNode());
                            case "pids" -> composeKey(declared, "pids_limit", entry.getKeyNode(), entry.getValueNode());
                            default -> { }
                        }
                    }
                }
            }
            case "ulimits" -> {
                ArrayNode ulimits = host.putArray("Ulimits");
                if (value instanceof MappingNode limits) {
                    for (NodeTuple limit : limits.getValue()) {
                        Node soft = limit.getValueNode() instanceof MappingNode pair ? value(pair, "soft") : limit.getValueNode();
                        Node hard = limit.getValueNode() instanceof MappingNode pair ? value(pair, "hard") : limit.getValueNode();
                        ulimits.addObject().put("Name", text(limit.getKeyNode())).put("Soft", Long.parseLong(text(soft)))
                                .put("Hard", Long.parseLong(text(hard)));
                    }
                }
                declared.at(at, "--ulimit", "Ulimits");
            }
            case "ports" -> {
                ObjectNode bindings = host.putObject("PortBindings");
                for (String port : texts(value)) {
                    composePort(bindings, port);
                }
                declared.at(at, "PortBindings", "published", "-p ");
            }
            case "restart" -> {
                String[] policy = text(value).split(":");
                host.putObject("RestartPolicy").put("Name", policy[0]).put("MaximumRetryCount", policy.length > 1 ? Integer.parseInt(policy[1]) : 0);
                declared.at(at, "RestartPolicy", "--restart");
            }
            case "environment" -> {
                ArrayNode env = declared.config.putArray("Env");
                if (value instanceof MappingNode variables) {
                    for (NodeTuple variable : variables.getValue()) {
                        env.add(text(variable.getKeyNode()) + "=" + text(variable.getValueNode()));
                        declared.at(variable.getKeyNode(), text(variable.getKeyNode()));
                    }
                } else if (value instanceof SequenceNode variables) {
                    for (Node variable : variables.getValue()) {
                        env.add(text(variable));
                        declared.at(variable, text(variable).split("=", 2)[0]);
                    }
                }
            }
            case "healthcheck" -> {
                Node test = value instanceof MappingNode check ? value(check, "test") : null;
                boolean disabled = value instanceof MappingNode check && bool(value(check, "disable"));
                ArrayNode command = declared.config.putObject("Healthcheck").putArray("Test");
                if (disabled) {
                    command.add("NONE");
                } else if (test instanceof SequenceNode) {
                    texts(test).forEach(command::add);
                } else if (test != null) {
                    command.add("CMD-SHELL").add(text(test));
                }
                declared.at(at, "health");
            }
            case "tmpfs" -> {
                ObjectNode tmpfs = host.putObject("Tmpfs");
                texts(value).forEach(path -> tmpfs.put(path.split(":")[0], ""));
            }
            case "sysctls" -> {
                ObjectNode sysctls = host.putObject("Sysctls");
                if (value instanceof MappingNode entries) {
                    entries.getValue().forEach(entry -> sysctls.put(text(entry.getKeyNode()), text(entry.getValueNode())));
                } else {
                    texts(value).forEach(entry -> sysctls.put(entry.split("=", 2)[0], entry.contains("=") ? entry.split("=", 2)[1] : ""));
                }
                declared.at(at, "--sysctl", "Sysctls");
            }
            default -> { }
        }
    }

    /** {@code /host:/in[:ro]} or the long syntax; a named volume is no host path. */
    private static void composeVolume(Declared declared, Node volume) {
        if (volume instanceof MappingNode spec) {
            if ("bind".equals(text(value(spec, "type")))) {
                declared.bind(volume, text(value(spec, "source")), text(value(spec, "target")), bool(value(spec, "read_only")));
            }
            return;
        }
        String[] parts = text(volume).split(":");
        if (parts.length >= 2 && (parts[0].startsWith("/") || parts[0].startsWith(".") || parts[0].startsWith("~"))) {
            declared.bind(volume, parts[0], parts[1], parts.length > 2 && List.of(parts[2].split(",")).contains("ro"));
        }
    }

    /** {@code [IP:][HOST:]CONTAINER[/proto]}. */
    private static void composePort(ObjectNode bindings, String port) {
        String[] protocol = port.split("/");
        String[] parts = protocol[0].split(":");
        String containerPort = parts[parts.length - 1] + "/" + (protocol.length > 1 ? protocol[1] : "tcp");
        String hostPort = parts.length >= 2 ? parts[parts.length - 2] : "";
        String hostIp = parts.length >= 3 ? String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2)) : "";
        ((ArrayNode) bindings.withArray(containerPort)).addObject().put("HostIp", hostIp).put("HostPort", hostPort);
    }

    private static void kubernetes(String file, MappingNode document, List<Built> built) throws SnapshotFormatException {
        String kind = text(value(document, "kind"));
        if (kind.equals("List") && value(document, "items") instanceof SequenceNode items) {
            for (Node item : items.getValue()) {
                if (item instanceof MappingNode map && value(map, "kind") != null) {
                    kubernetes(file, map, built);
                }
            }
            return;
        }
        if (!WORKLOADS.contains(kind)) {
            return;
        }
        Node metadata = value(document, "metadata");
        String name = metadata instanceof MappingNode meta ? text(value(meta, "name")) : "";
        Node podTemplate = switch (kind) {
            case "Pod" -> document;
            case "CronJob" -> path(document, "spec", "jobTemplate", "spec", "template");
            default -> path(document, "spec", "template");
        };
        Node pod = podTemplate instanceof MappingNode template ? value(template, "spec") : null;
        if (!(pod instanceof MappingNode podSpec)) {
            return;
        }
        Node annotations = podTemplate instanceof MappingNode template ? path(template, "metadata", "annotations") : null;
        for (String list : List.of("initContainers", "containers")) {
            if (value(podSpec, list) instanceof SequenceNode containers) {
                for (Node container : containers.getValue()) {
                    if (container instanceof MappingNode spec) {
                        String containerName = kind.toLowerCase(Locale.ROOT) + "/" + name + "/" + text(value(spec, "name"));
                        try {
                            built.add(kubernetesContainer(file, containerName, podSpec, spec, annotations));
                        } catch (NumberFormatException e) {
                            throw new SnapshotFormatException(file + ":" + line(container) + ": container " + containerName
                                    + ": a quantity that is not a number (" + e.getMessage() + ")");
                        }
                    }
                }
            }
        }
    }

    private static Built kubernetesContainer(String file, String name, MappingNode pod, MappingNode container, Node annotations) {
        Declared declared = new Declared(file, name, container);
        ObjectNode host = declared.host;
        // A pod joins the cluster's pod network, not a Docker bridge.
        ((ObjectNode) declared.inspect.path("NetworkSettings").path("Networks")).putObject("pod");
        NodeTuple runtimeClass = entry(pod, "runtimeClassName");
        if (runtimeClass != null) {
            host.put("Runtime", text(runtimeClass.getValueNode()));
            declared.at(runtimeClass.getKeyNode(), "--runtime", "runtime '");
        }
        for (String field : List.of("hostPID", "hostNetwork", "hostIPC")) {
            NodeTuple entry = entry(pod, field);
            if (entry != null && bool(entry.getValueNode())) {
                switch (field) {
                    case "hostPID" -> host.put("PidMode", "host");
                    case "hostNetwork" -> host.put("NetworkMode", "host");
                    default -> host.put("IpcMode", "host");
                }
                declared.at(entry.getKeyNode(), field.equals("hostPID") ? "PidMode" : field.equals("hostNetwork") ? "NetworkMode" : "IpcMode",
                        field.equals("hostPID") ? "--pid" : field.equals("hostNetwork") ? "--network" : "--ipc");
            }
        }
        NodeTuple image = entry(container, "image");
        if (image != null) {
            declared.config.put("Image", text(image.getValueNode()));
            declared.at(image.getKeyNode(), "Config.Image");
        }
        // The container's security context overrides the pod's, field by field.
        Node podContext = value(pod, "securityContext");
        Node context = value(container, "securityContext");
        NodeTuple user = securityField(context, podContext, "runAsUser");
        if (user != null) {
            declared.config.put("User", text(user.getValueNode()));
            declared.at(user.getKeyNode(), "Config.User", "--user");
        }
        NodeTuple privileged = securityField(context, null, "privileged");
        if (privileged != null) {
            host.put("Privileged", bool(privileged.getValueNode()));
            declared.at(privileged.getKeyNode(), "HostConfig.Privileged", "--privileged");
        }
        NodeTuple escalation = securityField(context, null, "allowPrivilegeEscalation");
        if (escalation != null && !bool(escalation.getValueNode())) {
            declared.securityOption(escalation.getKeyNode(), "no-new-privileges:true");
        } else if (escalation != null) {
            declared.at(escalation.getKeyNode(), "no-new-privileges");
        }
        NodeTuple readOnly = securityField(context, null, "readOnlyRootFilesystem");
        if (readOnly != null) {
            host.put("ReadonlyRootfs", bool(readOnly.getValueNode()));
            declared.at(readOnly.getKeyNode(), "ReadonlyRootfs", "--read-only");
        }
        NodeTuple capabilities = securityField(context, null, "capabilities");
        if (capabilities != null && capabilities.getValueNode() instanceof MappingNode caps) {
            if (value(caps, "add") != null) {
                host.set("CapAdd", strings(value(caps, "add")));
                declared.at(entry(caps, "add").getKeyNode(), "--cap-add", "CapAdd");
            }
            if (value(caps, "drop") != null) {
                host.set("CapDrop", strings(value(caps, "drop")));
                declared.at(entry(caps, "drop").getKeyNode(), "--cap-drop", "CapDrop");
            }
        }
        // No seccompProfile is Unconfined: the kubelet's default unless its SeccompDefault is on.
        NodeTuple seccomp = securityField(context, podContext, "seccompProfile");
        String seccompType = seccomp != null && seccomp.getValueNode() instanceof MappingNode profile ? text(value(profile, "type")) : "Unconfined";
        if (seccompType.equals("Unconfined")) {
            declared.securityOption(seccomp != null ? seccomp.getKeyNode() : container, "seccomp=unconfined");
        } else if (seccompType.equals("Localhost")) {
            declared.securityOption(seccomp.getKeyNode(), "seccomp=" + text(value((MappingNode) seccomp.getValueNode(), "localhostProfile")));
        }
        String containerName = text(value(container, "name"));
        Node appArmor = annotations instanceof MappingNode map
                ? value(map, "container.apparmor.security.beta.kubernetes.io/" + containerName) : null;
        NodeTuple appArmorProfile = securityField(context, podContext, "appArmorProfile");
        if (appArmor != null && text(appArmor).equals("unconfined")
                || appArmorProfile != null && appArmorProfile.getValueNode() instanceof MappingNode profile
                && text(value(profile, "type")).equals("Unconfined")) {
            declared.securityOption(appArmor != null ? appArmor : appArmorProfile.getKeyNode(), "apparmor=unconfined");
        }
        kubernetesVolumes(declared, pod, container);
        Node limits = path(container, "resources", "limits");
        if (limits instanceof MappingNode limit) {
            NodeTuple memory = entry(limit, "memory");
            if (memory != null) {
                host.put("Memory", bytes(text(memory.getValueNode()), true));
                declared.at(memory.getKeyNode(), "HostConfig.Memory", "--memory");
            }
            NodeTuple cpu = entry(limit, "cpu");
            if (cpu != null) {
                String cpus = text(cpu.getValueNode());
                host.put("NanoCpus", Math.round((cpus.endsWith("m") ? Double.parseDouble(cpus.substring(0, cpus.length() - 1)) / 1000
                        : Double.parseDouble(cpus)) * 1e9));
                declared.at(cpu.getKeyNode(), "--cpus");
            }
        }
        if (value(container, "ports") instanceof SequenceNode ports) {
            ObjectNode bindings = host.putObject("PortBindings");
            for (Node port : ports.getValue()) {
                if (port instanceof MappingNode spec && value(spec, "hostPort") != null) {
                    String protocol = value(spec, "protocol") == null ? "tcp" : text(value(spec, "protocol")).toLowerCase(Locale.ROOT);
                    ((ArrayNode) bindings.withArray(text(value(spec, "containerPort")) + "/" + protocol)).addObject()
                            .put("HostIp", value(spec, "hostIP") == null ? "" : text(value(spec, "hostIP")))
                            .put("HostPort", text(value(spec, "hostPort")));
                    declared.at(port, "PortBindings", "published", "-p ");
                }
            }
        }
        if (value(container, "env") instanceof SequenceNode variables) {
            ArrayNode env = declared.config.putArray("Env");
            for (Node variable : variables.getValue()) {
                // A value from a Secret or a field reference is no literal in the manifest.
                if (variable instanceof MappingNode spec && value(spec, "value") != null) {
                    env.add(text(value(spec, "name")) + "=" + text(value(spec, "value")));
                    declared.at(variable, text(value(spec, "name")));
                }
            }
        }
        if (value(container, "livenessProbe") != null || value(container, "readinessProbe") != null) {
            declared.config.putObject("Healthcheck").putArray("Test").add("CMD-SHELL").add("kubernetes probe");
        }
        return declared.build();
    }

    /** hostPath volumes the container mounts. */
    private static void kubernetesVolumes(Declared declared, MappingNode pod, MappingNode container) {
        Map<String, String> hostPaths = new LinkedHashMap<>();
        if (value(pod, "volumes") instanceof SequenceNode volumes) {
            for (Node volume : volumes.getValue()) {
                if (volume instanceof MappingNode spec && path(spec, "hostPath", "path") != null) {
                    hostPaths.put(text(value(spec, "name")), text(path(spec, "hostPath", "path")));
                }
            }
        }
        if (value(container, "volumeMounts") instanceof SequenceNode mounts) {
            for (Node mount : mounts.getValue()) {
                if (mount instanceof MappingNode spec && hostPaths.containsKey(text(value(spec, "name")))) {
                    declared.bind(mount, hostPaths.get(text(value(spec, "name"))), text(value(spec, "mountPath")),
                            bool(value(spec, "readOnly")));
                }
            }
        }
    }

    private static NodeTuple securityField(Node context, Node podContext, String field) {
        NodeTuple own = context instanceof MappingNode map ? entry(map, field) : null;
        return own != null ? own : podContext instanceof MappingNode map ? entry(map, field) : null;
    }

    private static Snapshot snapshot(String name, String source, List<Built> built) {
        List<ContainerRecord> containers = new ArrayList<>();
        Map<String, SourceLocation> sources = new LinkedHashMap<>();
        for (Built container : built) {
            containers.add(new ContainerRecord(container.inspect(), Fact.unknown(Fact.Gap.NOT_COLLECTED, NOT_RUN)));
            sources.put(container.inspect().path("Id").asText(), container.location());
        }
        String reason = "not collected: " + name + " declares containers, and has no host";
        return new Snapshot(Snapshot.FORMAT_VERSION, Tool.nameAndVersion(), null, source, false, HostFacts.notCollected(reason),
                DaemonFacts.notCollected(reason), containers, List.of(), List.of(), List.of(), sources);
    }

    /**
     * The services of a swarm, as the container each of their tasks is created as: what a manager
     * says of the whole swarm, where the containers on this node are only its own tasks. Their
     * kernel state is each node's to read.
     */
    public static List<ContainerRecord> swarmServices(JsonNode services) {
        List<ContainerRecord> records = new ArrayList<>();
        for (JsonNode service : services) {
            JsonNode spec = service.path("Spec");
            JsonNode task = spec.path("TaskTemplate");
            JsonNode container = task.path("ContainerSpec");
            Declared declared = new Declared(null, 0, service.path("ID").asText(), "service/" + spec.path("Name").asText());
            ObjectNode host = declared.host;
            declared.config.put("Image", container.path("Image").asText("").replaceFirst("@sha256:[0-9a-f]+$", ""));
            declared.config.put("User", container.path("User").asText(""));
            container.path("Env").forEach(((com.fasterxml.jackson.databind.node.ArrayNode) declared.config.get("Env"))::add);
            if (container.has("Healthcheck")) {
                declared.config.set("Healthcheck", container.get("Healthcheck"));
            }
            if (container.path("CapabilityAdd").isArray()) {
                host.set("CapAdd", container.get("CapabilityAdd"));
            }
            if (container.path("CapabilityDrop").isArray()) {
                host.set("CapDrop", container.get("CapabilityDrop"));
            }
            host.put("ReadonlyRootfs", container.path("ReadOnly").asBoolean(false));
            for (JsonNode mount : container.path("Mounts")) {
                if (mount.path("Type").asText().equals("bind")) {
                    declared.bind(null, mount.path("Source").asText(), mount.path("Target").asText(), mount.path("ReadOnly").asBoolean(false));
                }
            }
            JsonNode limits = task.path("Resources").path("Limits");
            host.put("Memory", limits.path("MemoryBytes").asLong(0));
            host.put("NanoCpus", limits.path("NanoCPUs").asLong(0));
            if (limits.path("Pids").asLong(0) > 0) {
                host.put("PidsLimit", limits.path("Pids").asLong());
            }
            // Swarm's default policy restarts on any exit, without bound.
            JsonNode restart = task.path("RestartPolicy");
            String condition = restart.path("Condition").asText("any");
            host.putObject("RestartPolicy").put("Name", switch (condition) {
                case "none" -> "no";
                case "on-failure" -> "on-failure";
                default -> restart.path("MaxAttempts").asInt(0) > 0 ? "on-failure" : "always";
            }).put("MaximumRetryCount", restart.path("MaxAttempts").asInt(0));
            ObjectNode bindings = host.putObject("PortBindings");
            for (JsonNode port : spec.path("EndpointSpec").path("Ports")) {
                if (port.has("PublishedPort")) {
                    // Ingress mode publishes on every node, on every interface.
                    ((com.fasterxml.jackson.databind.node.ArrayNode) bindings.withArray(port.path("TargetPort").asText() + "/"
                            + port.path("Protocol").asText("tcp"))).addObject().put("HostIp", "").put("HostPort", port.path("PublishedPort").asText());
                }
            }
            ((ObjectNode) declared.inspect.path("NetworkSettings").path("Networks")).putObject("swarm");
            records.add(new ContainerRecord(declared.inspect, Fact.unknown(Fact.Gap.NOT_COLLECTED,
                    "a swarm service: its tasks are the containers, each read on its node")));
        }
        return records;
    }

    // --- YAML nodes ---

    /** The entries of a mapping, with YAML merge keys ({@code <<: *anchor}) applied: its own keys win. */
    private static List<NodeTuple> merged(MappingNode map) {
        List<NodeTuple> own = new ArrayList<>();
        List<NodeTuple> inherited = new ArrayList<>();
        for (NodeTuple entry : map.getValue()) {
            if (text(entry.getKeyNode()).equals("<<")) {
                List<Node> sources = entry.getValueNode() instanceof SequenceNode list ? list.getValue() : List.of(entry.getValueNode());
                for (Node source : sources) {
                    if (source instanceof MappingNode base) {
                        inherited.addAll(merged(base));
                    }
                }
            } else {
                own.add(entry);
            }
        }
        List<NodeTuple> entries = new ArrayList<>(own);
        for (NodeTuple entry : inherited) {
            if (own.stream().noneMatch(mine -> text(mine.getKeyNode()).equals(text(entry.getKeyNode())))) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static NodeTuple entry(MappingNode map, String key) {
        for (NodeTuple entry : merged(map)) {
            if (entry.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return entry;
            }
        }
        return null;
    }

    private static Node value(MappingNode map, String key) {
        NodeTuple entry = entry(map, key);
        return entry == null ? null : entry.getValueNode();
    }

    private static Node path(Node node, String... keys) {
        Node at = node;
        for (String key : keys) {
            if (!(at instanceof MappingNode map)) {
                return null;
            }
            at = value(map, key);
        }
        return at;
    }

    private static String text(Node node) {
        return node instanceof ScalarNode scalar && !scalar.getTag().equals(Tag.NULL) ? scalar.getValue() : "";
    }

    private static boolean bool(Node node) {
        return node != null && List.of("true", "yes", "on").contains(text(node).toLowerCase(Locale.ROOT));
    }

    private static List<String> texts(Node node) {
        List<String> values = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            list.getValue().forEach(item -> values.add(text(item)));
        } else if (node instanceof ScalarNode) {
            values.add(text(node));
        }
        return values;
    }

    private static ArrayNode strings(Node node) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        texts(node).forEach(array::add);
        return array;
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /**
     * A memory quantity in bytes: Compose's units are binary whatever their case ({@code 512m},
     * {@code 1g}); Kubernetes's {@code Ki}, {@code Mi}, {@code Gi} are binary and its {@code k},
     * {@code M}, {@code G} decimal. 0 when it does not parse.
     */
    static long bytes(String quantity, boolean kubernetes) {
        java.util.regex.Matcher parts = java.util.regex.Pattern.compile("([0-9.]+)\\s*([kKmMgGtT]?)(i?)[bB]?").matcher(quantity.strip());
        if (!parts.matches()) {
            return 0;
        }
        int power = "kmgt".indexOf(parts.group(2).toLowerCase(Locale.ROOT)) + 1;
        double base = kubernetes && parts.group(3).isEmpty() ? 1000 : 1024;
        return Math.round(Double.parseDouble(parts.group(1)) * Math.pow(base, power));
    }

    private static String id(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
