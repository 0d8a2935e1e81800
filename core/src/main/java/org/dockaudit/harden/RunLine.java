package org.dockaudit.harden;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dockaudit.model.ContainerNames;
import org.dockaudit.model.HardenPlan;
import org.dockaudit.model.PortBinding;

/**
 * The whole {@code docker run} line of a hardened container: what the original was started with
 * (its environment by name, mounts, network, ports, sysctls, user, entrypoint and command, where
 * they differ from the image's), less what the plan removes, plus the plan's settings.
 */
final class RunLine {

    /** Options given once per value: a setting of the same option adds to them instead of replacing. */
    private static final Set<String> REPEATABLE = Set.of("-e", "-v", "--mount", "-p", "--sysctl", "--device", "--security-opt",
            "--cap-add", "--cap-drop", "--tmpfs", "--add-host", "--label", "--ulimit");

    private RunLine() {}

    /** {@code --cgroupns} of {@code --cgroupns=host} or {@code --cgroupns private}. */
    private static String option(String flag) {
        return flag.split("[ =]", 2)[0];
    }

    static List<String> of(JsonNode original, JsonNode image, List<HardenPlan.Setting> settings, List<HardenPlan.Removal> removals) {
        JsonNode config = original.path("Config");
        JsonNode host = original.path("HostConfig");
        JsonNode imageConfig = image.path("Config");
        List<String> kept = new ArrayList<>();
        Set<String> imageEnv = new HashSet<>();
        imageConfig.path("Env").forEach(entry -> imageEnv.add(entry.asText()));
        for (JsonNode entry : config.path("Env")) {
            if (!imageEnv.contains(entry.asText())) {
                // By name: the value stays in the caller's environment, never in a line that is copied around.
                kept.add("-e " + entry.asText().split("=", 2)[0]);
            }
        }
        host.path("Binds").forEach(bind -> kept.add("-v " + bind.asText()));
        for (JsonNode mount : host.path("Mounts")) {
            kept.add("--mount type=" + mount.path("Type").asText("volume") + (mount.hasNonNull("Source") && !mount.path("Source").asText().isEmpty()
                    ? ",source=" + mount.path("Source").asText() : "") + ",target=" + mount.path("Target").asText()
                    + (mount.path("ReadOnly").asBoolean() ? ",readonly" : ""));
        }
        String network = host.path("NetworkMode").asText("default");
        if (!network.equals("default") && !network.equals("bridge")) {
            kept.add(network.equals("host") || network.equals("none") ? "--network=" + network : "--network " + network);
        }
        for (PortBinding binding : PortBinding.of(host.path("PortBindings"))) {
            String port = binding.containerPort();
            String target = port.endsWith("/tcp") ? port.substring(0, port.length() - 4) : port;
            kept.add("-p " + (binding.hostIp().isEmpty() ? "" : binding.hostIp() + ":")
                    + (binding.hostPort().isEmpty() ? "" : binding.hostPort() + ":") + target);
        }
        if (host.path("PublishAllPorts").asBoolean()) {
            kept.add("-P");
        }
        host.path("Sysctls").properties().forEach(sysctl -> kept.add("--sysctl " + sysctl.getKey() + "=" + sysctl.getValue().asText()));
        for (JsonNode device : host.path("Devices")) {
            kept.add("--device " + device.path("PathOnHost").asText() + ":" + device.path("PathInContainer").asText()
                    + ":" + device.path("CgroupPermissions").asText("rwm"));
        }
        for (String mode : List.of("Pid", "Ipc", "UTS", "Userns", "Cgroupns")) {
            if (host.path(mode + "Mode").asText("").equals("host")) {
                kept.add("--" + mode.toLowerCase(java.util.Locale.ROOT) + "=host");
            }
        }
        if (host.path("Privileged").asBoolean()) {
            kept.add("--privileged");
        }
        for (JsonNode option : host.path("SecurityOpt")) {
            String text = option.asText();
            if (!text.startsWith("seccomp") && !text.startsWith("no-new-privileges")) {
                kept.add("--security-opt " + text);
            }
        }
        String restart = host.path("RestartPolicy").path("Name").asText("");
        if (!restart.isEmpty() && !restart.equals("no")) {
            int retries = host.path("RestartPolicy").path("MaximumRetryCount").asInt(0);
            kept.add("--restart " + restart + (retries > 0 ? ":" + retries : ""));
        }
        if (host.path("Init").asBoolean()) {
            kept.add("--init");
        }
        String runtime = host.path("Runtime").asText("runc");
        if (!runtime.equals("runc")) {
            kept.add("--runtime " + runtime);
        }
        String user = config.path("User").asText("");
        boolean userDerived = settings.stream().anyMatch(setting -> setting.flag().startsWith("--user "));
        if (!user.isEmpty() && !userDerived) {
            kept.add("--user " + user);
        }
        String workdir = config.path("WorkingDir").asText("");
        if (!workdir.isEmpty() && !workdir.equals(imageConfig.path("WorkingDir").asText(""))) {
            kept.add("--workdir " + workdir);
        }
        List<String> line = new ArrayList<>(List.of("docker", "run", "-d", "--name", ContainerNames.of(original)));
        for (String flag : kept) {
            boolean removed = removals.stream().anyMatch(removal -> removal.flag().startsWith(flag) || flag.startsWith(removal.flag()));
            boolean replaced = settings.stream().anyMatch(setting -> setting.flag().equals(flag)
                    || !REPEATABLE.contains(option(flag)) && option(setting.flag()).equals(option(flag)));
            if (!removed && !replaced) {
                split(flag, line);
            }
        }
        settings.forEach(setting -> split(setting.flag(), line));
        List<String> entrypoint = strings(config.path("Entrypoint"));
        List<String> command = strings(config.path("Cmd"));
        boolean ownEntrypoint = !entrypoint.equals(strings(imageConfig.path("Entrypoint")));
        if (ownEntrypoint && !entrypoint.isEmpty()) {
            line.add("--entrypoint");
            line.add(entrypoint.getFirst());
        }
        line.add(config.path("Image").asText());
        if (ownEntrypoint && entrypoint.size() > 1) {
            line.addAll(entrypoint.subList(1, entrypoint.size()));
        }
        if (ownEntrypoint || !command.equals(strings(imageConfig.path("Cmd")))) {
            line.addAll(command);
        }
        return line;
    }

    /** {@code --cap-add SETUID} as two arguments; {@code --network=host} as one. */
    private static void split(String flag, List<String> line) {
        int space = flag.indexOf(' ');
        if (space < 0) {
            line.add(flag);
        } else {
            line.add(flag.substring(0, space));
            line.add(flag.substring(space + 1));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
