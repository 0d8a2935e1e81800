package org.dockaudit.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dockaudit.model.TraceResult;

/**
 * The highest memory use and task count of a container's cgroup, for {@code --memory} and
 * {@code --pids-limit} from observation: cgroup v1's {@code memory.max_usage_in_bytes}, v2's
 * {@code memory.peak}, and {@code pids.peak} where the kernel has it, else the highest
 * {@code pids.current} sampled while the trace ran.
 */
final class CgroupPeaks {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private CgroupPeaks() {}

    /** The task count now, or -1. */
    static long pidsNow(Map<String, String> cgroups) {
        return number(directory(cgroups, "pids").resolve("pids.current"));
    }

    static TraceResult.Peaks read(Map<String, String> cgroups, long sampledPids) {
        Path memory = directory(cgroups, "memory");
        long memoryPeak = Math.max(number(memory.resolve("memory.max_usage_in_bytes")), number(memory.resolve("memory.peak")));
        long pidsPeak = Math.max(number(directory(cgroups, "pids").resolve("pids.peak")), sampledPids);
        return new TraceResult.Peaks(memoryPeak, pidsPeak);
    }

    /** The controller's directory: v1's own hierarchy when mounted, else the unified one. */
    private static Path directory(Map<String, String> cgroups, String controller) {
        for (Map.Entry<String, String> hierarchy : cgroups.entrySet()) {
            for (String name : hierarchy.getKey().split(",")) {
                if (name.equals(controller)) {
                    return ROOT.resolve(hierarchy.getKey()).resolve(hierarchy.getValue().replaceFirst("^/", ""));
                }
            }
        }
        String unified = cgroups.get("");
        return unified == null ? ROOT.resolve("none") : ROOT.resolve(unified.replaceFirst("^/", ""));
    }

    private static long number(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
