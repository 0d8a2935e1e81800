package org.dockaudit.harden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dockaudit.check.Auditor;
import org.dockaudit.check.CheckResult;
import org.dockaudit.check.Outcome;
import org.dockaudit.model.ContainerNames;
import org.dockaudit.model.HardenPlan;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Target;
import org.dockaudit.model.TraceResult;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.ProfileGenerator;
import org.dockaudit.snapshot.SnapshotFiles;
import org.dockaudit.snapshot.SnapshotFormatException;

/**
 * Hardened settings for a container from a trace of its workload (pure: the inspect documents,
 * the trace and the audit's own fixes in, a plan out). The trace gives the capabilities, the
 * system calls, whether privileges were gained on exec, what was written and the resource peaks;
 * the audit of the container's configuration gives the flags that fix the rest (host namespaces,
 * sensitive mounts, published ports), as {@code dockaudit audit} prints them.
 */
public final class Hardener {

    /** Directories meant for scratch data: a tmpfs there hides nothing the image ships that matters. */
    private static final Set<String> SCRATCH = Set.of("/tmp", "/var/tmp", "/run", "/var/run", "/var/cache", "/var/lock", "/run/lock");
    private static final long MIB = 1 << 20;

    /** Flags the trace decides: the audit's generic ones for the same settings give way. */
    private static final List<String> DERIVED_FLAGS = List.of("--cap-drop", "--cap-add", "--security-opt no-new-privileges",
            "--security-opt seccomp", "--read-only", "--tmpfs", "--memory ", "--pids-limit", "--user");
    private static final Set<String> DERIVED_KEYS = Set.of("cap_drop", "cap_add", "security_opt", "read_only", "tmpfs", "mem_limit",
            "pids_limit", "user");

    private Hardener() {}

    /** What the trace shows the workload needs; {@code notes} gets what could not be derived and why. */
    public static Least derive(JsonNode original, TraceResult trace, List<String> notes) {
        Set<String> capabilities = null;
        if (trace.mode().equals("strace")) {
            notes.add("an strace trace has no capability checks: the capability set is left as it is (dockaudit trace records them)");
        } else {
            capabilities = new TreeSet<>();
            for (String granted : trace.grantedCapabilities()) {
                capabilities.add(granted.replaceFirst("^CAP_", ""));
            }
        }
        Map<Arch, Set<String>> syscalls = new EnumMap<>(Arch.class);
        trace.syscalls().forEach((abi, calls) -> Arch.byId(abi).ifPresent(arch -> syscalls.put(arch, new TreeSet<>(calls.keySet()))));
        boolean gained = trace.processes().stream().anyMatch(TraceResult.Process::gainedPrivileges);
        if (gained) {
            notes.add("no-new-privileges is not set: " + trace.processes().stream().filter(TraceResult.Process::gainedPrivileges)
                    .map(TraceResult.Process::file).distinct().toList() + " gained privileges when executed (setuid, setgid or file capabilities)");
        }
        List<String> tmpfs = new ArrayList<>();
        boolean readOnly = original.path("HostConfig").path("ReadonlyRootfs").asBoolean() || writableDirectories(trace.written(),
                userOf(original), tmpfs, notes);
        long memory = -1;
        if (trace.peaks().memoryBytes() > 0) {
            memory = roundUp(Math.max(2 * trace.peaks().memoryBytes(), trace.peaks().memoryBytes() + 32 * MIB), 16 * MIB);
        }
        long pids = trace.peaks().pids() > 0 ? Math.max(2 * trace.peaks().pids(), trace.peaks().pids() + 16) : -1;
        String user = null;
        if (runsAsRoot(original) && capabilities != null && capabilities.isEmpty() && !gained) {
            user = "65534:65534";
        }
        return new Least(capabilities, syscalls, !gained, readOnly, List.copyOf(tmpfs), memory, pids, user);
    }

    /**
     * Where the workload writes, as tmpfs mounts: a directory it created, or a scratch directory
     * of the image ({@code /tmp}). Whether the root file system can be read-only: not when it
     * changes files elsewhere in the image, which a tmpfs would hide.
     */
    static boolean writableDirectories(List<TraceResult.Change> written, String user, List<String> tmpfs, List<String> notes) {
        Map<String, String> kinds = new LinkedHashMap<>();
        written.forEach(change -> kinds.put(change.path(), change.kind()));
        Set<String> mounts = new LinkedHashSet<>();
        List<String> blocking = new ArrayList<>();
        for (String path : kinds.keySet()) {
            String climbing = path;
            while (kinds.getOrDefault(parent(climbing), "").equals("added")) {
                climbing = parent(climbing);
            }
            String top = climbing;
            String scratch = scratchAncestor(top);
            boolean hasChildren = kinds.keySet().stream().anyMatch(other -> other.startsWith(top + "/"));
            if (scratch != null) {
                mounts.add(scratch);
            } else if (kinds.get(top).equals("added") && hasChildren) {
                mounts.add(top);
            } else if (kinds.get(top).equals("changed") && hasChildren) {
                // A directory of the image that only holds what the workload adds or changes under it.
                continue;
            } else {
                blocking.add(path + " (" + kinds.get(path) + ")");
            }
        }
        mounts.removeIf(mount -> mounts.stream().anyMatch(other -> !other.equals(mount) && mount.startsWith(other + "/")));
        if (!blocking.isEmpty()) {
            notes.add("--read-only is not proposed: the workload writes " + String.join(", ", blocking) + " in the image's own files;"
                    + " mount a volume there or change the image, then trace again");
            return false;
        }
        String owner = user != null && user.matches("\\d+(:\\d+)?") && !user.startsWith("0") ? ":uid=" + user.split(":")[0]
                + (user.contains(":") ? ",gid=" + user.split(":")[1] : "") : "";
        mounts.forEach(mount -> tmpfs.add(mount + owner));
        return true;
    }

    private static String scratchAncestor(String path) {
        for (String scratch : SCRATCH) {
            if (path.equals(scratch) || path.startsWith(scratch + "/")) {
                return scratch;
            }
        }
        return null;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    private static long roundUp(long value, long unit) {
        return (value + unit - 1) / unit * unit;
    }

    private static String userOf(JsonNode original) {
        String user = original.path("Config").path("User").asText("");
        return user.isEmpty() ? null : user;
    }

    private static boolean runsAsRoot(JsonNode original) {
        String user = original.path("Config").path("User").asText("");
        return user.isEmpty() || user.equals("0") || user.equals("root") || user.startsWith("0:") || user.startsWith("root:");
    }

    /** The seccomp profile of {@code least}: its calls, runc's after the filter, and the kernel's on the workload's behalf. */
    public static ObjectNode profile(Least least, List<String> unknown) {
        Map<Arch, Set<String>> seen = least.syscalls().isEmpty() ? Map.of(Arch.X86_64, Set.of()) : least.syscalls();
        return ProfileGenerator.profile(seen, Arch.X86_64, unknown);
    }

    /** One failed check's fix, with the check's id. */
    public record AuditFix(String checkId, org.dockaudit.check.Fix fix) {}

    /**
     * The audit's fixes for the container's configuration, as {@code dockaudit audit} gives them,
     * from its inspect document alone (no host fact is needed for a flag); those whose flags the
     * trace decides (capabilities, seccomp, read-only, limits, user) are left out.
     */
    public static List<AuditFix> auditFixes(JsonNode original) {
        Snapshot snapshot;
        try {
            snapshot = SnapshotFiles.parse("inspect", Json.MAPPER.writeValueAsString(
                    Json.MAPPER.createArrayNode().add(original)).getBytes(StandardCharsets.UTF_8));
        } catch (SnapshotFormatException | java.io.IOException e) {
            return List.of();
        }
        List<AuditFix> fixes = new ArrayList<>();
        for (CheckResult result : Auditor.withAllChecks().audit(snapshot)) {
            if (result.target().kind() == Target.Kind.CONTAINER && result.outcome() instanceof Outcome.Fail fail && !fail.fix().isEmpty()
                    && !decidedByTrace(fail.fix())) {
                fixes.add(new AuditFix(result.check().id(), fail.fix()));
            }
        }
        fixes.sort(java.util.Comparator.comparing(AuditFix::checkId));
        return fixes;
    }

    private static boolean decidedByTrace(org.dockaudit.check.Fix fix) {
        List<String> flags = new ArrayList<>(fix.add());
        fix.remove().stream().filter(flag -> flag.startsWith("--cap-add")).forEach(flags::add);
        return !flags.isEmpty() && flags.stream().allMatch(flag -> DERIVED_FLAGS.stream().anyMatch(flag::startsWith))
                && fix.remove().stream().allMatch(flag -> flag.startsWith("--cap-add"));
    }

    /**
     * The plan: each derived setting with its reason, the audit's other fixes, the whole
     * {@code docker run} line and the Compose fragment.
     *
     * @param image the image's inspect document (its environment and command are not repeated), or an empty object
     * @param profilePath where the profile is written, or null when none is
     */
    public static HardenPlan plan(JsonNode original, JsonNode image, TraceResult trace, Least least, List<AuditFix> audit,
            String profilePath, List<String> notes) {
        List<HardenPlan.Setting> settings = new ArrayList<>();
        if (least.capabilities() != null) {
            settings.add(new HardenPlan.Setting("--cap-drop ALL", "cap_drop", List.of("ALL"), "no capability the trace did not see granted"));
            for (String capability : least.capabilities()) {
                TraceResult.CapabilityUse use = trace.capabilities().get("CAP_" + capability);
                settings.add(new HardenPlan.Setting("--cap-add " + capability, "cap_add", List.of(capability), use == null
                        ? "kept" : "granted " + use.granted() + " time" + (use.granted() == 1 ? "" : "s") + ", first to "
                        + use.firstCommand() + " (pid " + use.firstPid() + ")"));
            }
        }
        if (profilePath != null) {
            int count = least.syscalls().values().stream().mapToInt(Set::size).sum();
            settings.add(new HardenPlan.Setting("--security-opt seccomp=" + profilePath, "security_opt", List.of("seccomp:" + profilePath),
                    "allows the " + count + " system calls seen, runc's own after the filter, and the kernel's on the workload's behalf;"
                            + " everything else fails with EPERM"));
        }
        if (least.noNewPrivileges()) {
            settings.add(new HardenPlan.Setting("--security-opt no-new-privileges", "security_opt", List.of("no-new-privileges:true"),
                    "no traced program gained privileges when executed (setuid, setgid, file capabilities)"));
        }
        if (least.readOnly() && !original.path("HostConfig").path("ReadonlyRootfs").asBoolean()) {
            settings.add(new HardenPlan.Setting("--read-only", "read_only", true, trace.written().isEmpty()
                    ? "the workload wrote nothing in the container's own file system" : "what it writes goes to the tmpfs below"));
        }
        for (String mount : least.readOnly() ? least.tmpfs() : List.<String>of()) {
            settings.add(new HardenPlan.Setting("--tmpfs " + mount, "tmpfs", List.of(mount), "the workload writes there"));
        }
        if (least.memoryBytes() > 0 && original.path("HostConfig").path("Memory").asLong(0) == 0) {
            settings.add(new HardenPlan.Setting("--memory " + least.memoryBytes() / MIB + "m", "mem_limit", least.memoryBytes() / MIB + "m",
                    "observed peak " + String.format(Locale.ROOT, "%.1f", trace.peaks().memoryBytes() / (double) MIB)
                            + " MiB; twice that, and at least 32 MiB more (size it to the real load)"));
        }
        if (least.pids() > 0 && original.path("HostConfig").path("PidsLimit").asLong(0) <= 0) {
            settings.add(new HardenPlan.Setting("--pids-limit " + least.pids(), "pids_limit", least.pids(),
                    "observed peak " + trace.peaks().pids() + " tasks; twice that, and at least 16 more"));
        }
        if (least.user() != null) {
            settings.add(new HardenPlan.Setting("--user " + least.user(), "user", least.user(),
                    "it ran as root and used no capability, gained no privilege: root bought it nothing"));
        }
        List<HardenPlan.Removal> removals = removals(audit);
        Set<String> composeDelete = new LinkedHashSet<>();
        Map<String, Object> compose = new LinkedHashMap<>();
        Set<String> allNotes = new LinkedHashSet<>(notes);
        for (HardenPlan.Setting setting : settings) {
            if (setting.composeKey() != null) {
                compose.merge(setting.composeKey(), setting.composeValue(), Hardener::joined);
            }
        }
        for (AuditFix audited : audit) {
            org.dockaudit.check.Fix fix = audited.fix();
            String reason = reason(audited);
            fix.composeDelete().stream().filter(key -> !key.startsWith("cap_add")).forEach(composeDelete::add);
            fix.add().stream().filter(flag -> DERIVED_FLAGS.stream().noneMatch(flag::startsWith))
                    .forEach(flag -> settings.add(new HardenPlan.Setting(flag, null, null, reason)));
            fix.composeSet().forEach((key, value) -> {
                if (!DERIVED_KEYS.contains(key)) {
                    compose.merge(key, value, Hardener::joined);
                }
            });
            allNotes.addAll(fix.notes());
        }
        if (least.capabilities() != null && original.path("HostConfig").path("CapAdd").isArray()) {
            original.path("HostConfig").path("CapAdd").forEach(added -> composeDelete.add("cap_add: " + added.asText()));
        }
        List<String> command = RunLine.of(original, image, settings, removals);
        if (command.stream().anyMatch(argument -> argument.equals("-e"))) {
            allNotes.add("environment variables are passed by name (-e NAME): export them before running the line");
        }
        return new HardenPlan(ContainerNames.of(original), original.path("Config").path("Image").asText(), trace.mode(), settings, removals,
                command, compose, List.copyOf(composeDelete), profilePath, List.copyOf(allNotes), null);
    }

    /**
     * The flags of the current configuration that the audit's fixes drop, each with its check's
     * reason; {@code --cap-add} is the trace's to decide.
     */
    public static List<HardenPlan.Removal> removals(List<AuditFix> audit) {
        List<HardenPlan.Removal> removals = new ArrayList<>();
        for (AuditFix audited : audit) {
            audited.fix().remove().stream().filter(flag -> !flag.startsWith("--cap-add"))
                    .forEach(flag -> removals.add(new HardenPlan.Removal(flag, reason(audited))));
        }
        return removals;
    }

    private static String reason(AuditFix audited) {
        return audited.checkId() + ": " + audited.fix().reason();
    }

    private static Object joined(Object first, Object second) {
        if (first instanceof List<?> a && second instanceof List<?> b) {
            List<Object> both = new ArrayList<>(a);
            b.stream().filter(item -> !both.contains(item)).forEach(both::add);
            return both;
        }
        return second;
    }

    /**
     * The body of {@code POST /containers/create} for a copy under {@code least}: the copy of the
     * original's settings ({@code body}) with the capabilities, profile, read-only root, tmpfs,
     * limits and user replaced, and what the audit removes removed.
     */
    public static ObjectNode hardenedBody(ObjectNode body, Least least, ObjectNode profile, List<HardenPlan.Removal> removals) {
        ObjectNode copy = body.deepCopy();
        ObjectNode host = (ObjectNode) copy.get("HostConfig");
        host.put("Privileged", false);
        for (HardenPlan.Removal removal : removals) {
            String flag = removal.flag();
            for (String mode : List.of("pid", "ipc", "uts", "userns", "network", "cgroupns")) {
                if (flag.equals("--" + mode + "=host")) {
                    String key = switch (mode) {
                        case "pid" -> "PidMode";
                        case "ipc" -> "IpcMode";
                        case "uts" -> "UTSMode";
                        case "userns" -> "UsernsMode";
                        case "cgroupns" -> "CgroupnsMode";
                        default -> "NetworkMode";
                    };
                    host.put(key, mode.equals("network") ? "bridge" : mode.equals("ipc") ? "private" : "");
                }
            }
        }
        if (least.capabilities() != null) {
            host.putArray("CapDrop").add("ALL");
            ArrayNode add = host.putArray("CapAdd");
            least.capabilities().forEach(add::add);
        }
        ArrayNode options = Json.MAPPER.createArrayNode();
        for (JsonNode option : host.path("SecurityOpt")) {
            String text = option.asText();
            if (!text.startsWith("seccomp") && !text.startsWith("no-new-privileges")) {
                options.add(text);
            }
        }
        options.add("seccomp=" + profile.toString());
        if (least.noNewPrivileges()) {
            options.add("no-new-privileges:true");
        }
        host.set("SecurityOpt", options);
        if (least.readOnly()) {
            host.put("ReadonlyRootfs", true);
            ObjectNode tmpfs = host.has("Tmpfs") && host.get("Tmpfs").isObject() ? (ObjectNode) host.get("Tmpfs") : host.putObject("Tmpfs");
            for (String mount : least.tmpfs()) {
                int colon = mount.indexOf(':');
                tmpfs.put(colon < 0 ? mount : mount.substring(0, colon), colon < 0 ? "" : mount.substring(colon + 1));
            }
        }
        if (least.memoryBytes() > 0 && host.path("Memory").asLong(0) == 0) {
            host.put("Memory", least.memoryBytes());
        }
        if (least.pids() > 0 && host.path("PidsLimit").asLong(0) <= 0) {
            host.put("PidsLimit", least.pids());
        }
        if (least.user() != null) {
            copy.put("User", least.user());
        }
        return copy;
    }

    /** Names of what the trace saw, for the minimiser: the capabilities, then the calls (runc's own are not the workload's to lose). */
    static List<String> syscallCandidates(Least least) {
        Set<String> runc = new HashSet<>(ProfileGenerator.runcNeeds());
        runc.addAll(ProfileGenerator.implicitCalls());
        Set<String> names = new TreeSet<>();
        least.syscalls().values().forEach(names::addAll);
        names.removeAll(runc);
        return List.copyOf(names);
    }
}
