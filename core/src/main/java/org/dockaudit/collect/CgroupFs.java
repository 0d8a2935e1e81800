package org.dockaudit.collect;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dockaudit.model.CgroupFacts;
import org.dockaudit.model.Fact;

/**
 * Reads the limits a cgroup enforces, from {@code /sys/fs/cgroup} below a root directory. The
 * layout is taken from the process's own {@code /proc/<pid>/cgroup}: v1 controllers when it names
 * them (also on a hybrid host), the unified v2 hierarchy otherwise.
 */
public final class CgroupFs {

    private final Path cgroupRoot;

    public CgroupFs(Path root) {
        this.cgroupRoot = root.resolve("sys/fs/cgroup");
    }

    /** The hierarchy whose path identifies a container's processes: v1 pids or memory, else v2. */
    static String membershipHierarchy(Map<String, String> hierarchies) {
        for (String candidate : List.of("pids", "memory")) {
            for (String hierarchy : hierarchies.keySet()) {
                if (Arrays.asList(hierarchy.split(",")).contains(candidate)) {
                    return hierarchy;
                }
            }
        }
        return hierarchies.containsKey("") ? "" : null;
    }

    public Fact<CgroupFacts> limits(Map<String, String> hierarchies) {
        String memory = controller(hierarchies, "memory");
        if (memory != null) {
            return Fact.of(v1(hierarchies, memory));
        }
        String unified = hierarchies.get("");
        if (unified != null) {
            return Fact.of(v2(unified));
        }
        return Fact.unknown("no memory controller and no unified hierarchy in /proc/<pid>/cgroup: " + hierarchies);
    }

    private CgroupFacts v1(Map<String, String> hierarchies, String memoryPath) {
        Path memory = cgroupRoot.resolve("memory").resolve(relative(memoryPath));
        Path cpu = v1Dir(hierarchies, "cpu");
        Path pids = v1Dir(hierarchies, "pids");
        Path devices = v1Dir(hierarchies, "devices");
        return new CgroupFacts(
                "v1",
                memoryPath,
                v1Limit(memory.resolve("memory.limit_in_bytes")),
                v1Limit(memory.resolve("memory.memsw.limit_in_bytes")),
                number(cpu, "cpu.cfs_quota_us"),
                number(cpu, "cpu.cfs_period_us"),
                number(cpu, "cpu.shares"),
                pids == null ? Fact.unknown("no pids controller in /proc/<pid>/cgroup") : maxOrNumber(pids.resolve("pids.max")),
                ProcFs.read(memory.resolve("memory.oom_control"), text -> text.contains("oom_kill_disable 1")),
                devices == null
                        ? Fact.unknown("no devices controller in /proc/<pid>/cgroup")
                        : ProcFs.read(devices.resolve("devices.list"), CgroupFs::lines));
    }

    private CgroupFacts v2(String path) {
        Path dir = cgroupRoot.resolve(relative(path));
        Fact<long[]> cpuMax = ProcFs.read(dir.resolve("cpu.max"), text -> {
            String[] parts = ProcFs.WHITESPACE.split(text.strip());
            return new long[] {parts[0].equals("max") ? CgroupFacts.UNLIMITED : Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        });
        return new CgroupFacts(
                "v2",
                path,
                maxOrNumber(dir.resolve("memory.max")),
                maxOrNumber(dir.resolve("memory.swap.max")),
                cpuMax.map(quotaAndPeriod -> quotaAndPeriod[0]),
                cpuMax.map(quotaAndPeriod -> quotaAndPeriod[1]),
                number(dir, "cpu.weight"),
                maxOrNumber(dir.resolve("pids.max")),
                Fact.unknown(Fact.Gap.UNSUPPORTED, "cgroup v2 has no switch to disable the OOM killer"),
                Fact.unknown(Fact.Gap.UNSUPPORTED, "cgroup v2 enforces device access with an eBPF program that no cgroup file shows"));
    }

    private static String controller(Map<String, String> hierarchies, String name) {
        for (Map.Entry<String, String> entry : hierarchies.entrySet()) {
            if (Arrays.asList(entry.getKey().split(",")).contains(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private Path v1Dir(Map<String, String> hierarchies, String name) {
        String path = controller(hierarchies, name);
        // Mounted as "cpu,cpuacct" with "cpu" as a link on most distributions; the link resolves.
        return path == null ? null : cgroupRoot.resolve(name).resolve(relative(path));
    }

    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static Fact<Long> number(Path dir, String file) {
        if (dir == null) {
            return Fact.unknown("no controller for " + file + " in /proc/<pid>/cgroup");
        }
        return ProcFs.read(dir.resolve(file), text -> Long.parseLong(text.strip()));
    }

    /** v1 writes "no limit" as the largest page-aligned signed 64-bit value. */
    private static Fact<Long> v1Limit(Path file) {
        return ProcFs.read(file, text -> {
            long value = Long.parseLong(text.strip());
            return value >= 0x7FFF_FFFF_FFFF_F000L ? CgroupFacts.UNLIMITED : value;
        });
    }

    private static Fact<Long> maxOrNumber(Path file) {
        return ProcFs.read(file, text -> text.strip().equals("max") ? CgroupFacts.UNLIMITED : Long.parseLong(text.strip()));
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
