package org.dockaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A container's hardening said for a Kubernetes manifest: the fields to set under the container
 * and under the pod's spec, and those to delete. It is translated from the Compose form of the
 * fixes, the one table of that translation; a Compose key with no Kubernetes field is left for the
 * user, named ({@code byHand}), never dropped.
 *
 * @param container fields to set under the container (securityContext, resources, volumeMounts)
 * @param pod       fields to set under the pod's spec (volumes)
 * @param delete    fields and entries to delete, container's and pod's
 * @param byHand    what has no field in a manifest, as its Compose key
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ManifestFix(Map<String, Object> container, Map<String, Object> pod, List<String> delete, List<String> byHand) {

    private static final Pattern USER = Pattern.compile("(\\d+)(?::(\\d+))?");
    private static final Pattern BYTES = Pattern.compile("(\\d+)([kmg]?)b?", Pattern.CASE_INSENSITIVE);

    /** The manifest form of a merged fix: its Compose keys to set and to delete. */
    static ManifestFix of(Map<String, Object> composeSet, List<String> composeDelete) {
        Map<String, Object> container = new LinkedHashMap<>();
        Map<String, Object> pod = new LinkedHashMap<>();
        Set<String> delete = new LinkedHashSet<>();
        List<String> byHand = new ArrayList<>();
        composeSet.forEach((key, value) -> {
            switch (key) {
                case "cap_drop" -> put(container, value, "securityContext", "capabilities", "drop");
                case "cap_add" -> put(container, value, "securityContext", "capabilities", "add");
                case "read_only" -> put(container, value, "securityContext", "readOnlyRootFilesystem");
                case "user" -> user(container, String.valueOf(value), byHand);
                case "security_opt" -> {
                    for (Object option : (List<?>) value) {
                        if (option.toString().startsWith("no-new-privileges")) {
                            put(container, false, "securityContext", "allowPrivilegeEscalation");
                        } else {
                            byHand.add("security_opt: " + option);
                        }
                    }
                }
                case "mem_limit" -> put(container, quantity(String.valueOf(value)), "resources", "limits", "memory");
                case "cpus" -> put(container, cpus(value), "resources", "limits", "cpu");
                case "tmpfs" -> {
                    List<Map<String, Object>> mounts = new ArrayList<>();
                    List<Map<String, Object>> volumes = new ArrayList<>();
                    for (Object entry : (List<?>) value) {
                        String path = entry.toString().split(":", 2)[0];
                        String name = "tmpfs" + path.replaceAll("[^a-zA-Z0-9]+", "-").replaceAll("-$", "");
                        mounts.add(map("name", name, "mountPath", path));
                        volumes.add(map("name", name, "emptyDir", map("medium", "Memory")));
                    }
                    container.put("volumeMounts", mounts);
                    pod.put("volumes", volumes);
                }
                // A pod's processes are bounded by the kubelet (podPidsLimit), not by its manifest.
                case "pids_limit" -> byHand.add("pids_limit: " + value + " (Kubernetes: the kubelet's podPidsLimit, on each node)");
                default -> byHand.add(key + ": " + Hardening.yaml(value));
            }
        });
        for (String entry : composeDelete) {
            Hardening.ComposeDeletion deletion = Hardening.ComposeDeletion.of(entry);
            String item = deletion.item();
            switch (deletion.key()) {
                case "cap_add" -> delete.add("securityContext.capabilities.add: " + item);
                case "privileged" -> delete.add("securityContext.privileged");
                case "pid" -> delete.add("hostPID (pod)");
                case "network_mode" -> delete.add("hostNetwork (pod)");
                case "ipc" -> delete.add("hostIPC (pod)");
                case "volumes" -> {
                    String[] bind = item.split(":");
                    delete.add("the hostPath volume " + bind[0] + (bind.length > 1 ? " (mounted at " + bind[1] + ")" : ""));
                }
                case "security_opt" -> {
                    String option = item.replace('=', ':');
                    // The profile set replaces Unconfined, or its absence, which the kubelet runs unconfined.
                    if (option.equals("seccomp:unconfined")) {
                        put(container, "RuntimeDefault", "securityContext", "seccompProfile", "type");
                    } else if (option.equals("apparmor:unconfined")) {
                        put(container, "RuntimeDefault", "securityContext", "appArmorProfile", "type");
                    } else if (option.startsWith("label:")) {
                        delete.add("securityContext.seLinuxOptions (" + option + ")");
                    } else {
                        byHand.add("delete security_opt: " + item);
                    }
                }
                default -> byHand.add("delete " + entry);
            }
        }
        return new ManifestFix(container, pod, List.copyOf(delete), List.copyOf(byHand));
    }

    /** {@code fields} as YAML in flow style, one line to paste under its parent. */
    static String flow(Map<String, Object> fields) {
        return dump(fields, DumperOptions.FlowStyle.FLOW);
    }

    /** {@code fields} as YAML in block style, its lines. */
    static List<String> block(Map<String, Object> fields) {
        return fields.isEmpty() ? List.of() : List.of(dump(fields, DumperOptions.FlowStyle.BLOCK).split("\n"));
    }

    private static String dump(Map<String, Object> fields, DumperOptions.FlowStyle style) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(style);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(fields).strip();
    }

    private static void user(Map<String, Object> container, String user, List<String> byHand) {
        Matcher numeric = USER.matcher(user);
        if (!numeric.matches()) {
            // runAsUser takes a number: a name must be resolved in the image first.
            byHand.add("user: \"" + user + "\" (Kubernetes takes a numeric runAsUser)");
            return;
        }
        long uid = Long.parseLong(numeric.group(1));
        put(container, uid, "securityContext", "runAsUser");
        if (numeric.group(2) != null) {
            put(container, Long.parseLong(numeric.group(2)), "securityContext", "runAsGroup");
        }
        if (uid != 0) {
            put(container, true, "securityContext", "runAsNonRoot");
        }
    }

    /** Docker's {@code 512m} as Kubernetes's {@code 512Mi}: both binary. */
    private static String quantity(String bytes) {
        Matcher matcher = BYTES.matcher(bytes.strip());
        if (!matcher.matches()) {
            return bytes;
        }
        String unit = matcher.group(2).toLowerCase(Locale.ROOT);
        return matcher.group(1) + (unit.isEmpty() ? "" : unit.toUpperCase(Locale.ROOT) + "i");
    }

    /** Docker's {@code --cpus 1.0} as a Kubernetes quantity: {@code "1"}, {@code "500m"}. */
    private static String cpus(Object value) {
        double cpus = value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString());
        return cpus == Math.rint(cpus) ? String.valueOf((long) cpus) : Math.round(cpus * 1000) + "m";
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, Object value, String... path) {
        Map<String, Object> map = root;
        for (int i = 0; i < path.length - 1; i++) {
            map = (Map<String, Object>) map.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        map.put(path[path.length - 1], value);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
