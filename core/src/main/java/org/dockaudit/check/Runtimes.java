package org.dockaudit.check;

import java.util.List;
import org.dockaudit.model.Snapshot;

/**
 * OCI runtimes by what they put between a container and the host kernel: runc and crun nothing;
 * gVisor (runsc) a kernel of its own in user space, Kata a virtual machine. Recognised by the name
 * the daemon gives the runtime, or the path of its program.
 */
public final class Runtimes {

    private static final List<String> ISOLATING = List.of("runsc", "gvisor", "kata", "io.containerd.runsc", "io.containerd.kata");

    private Runtimes() {}

    /** Whether the runtime runs containers on a kernel of their own. */
    public static boolean isolates(String runtime, String path) {
        return ISOLATING.stream().anyMatch(name -> runtime.contains(name) || path.contains(name));
    }

    /** The path of the runtime's program, as docker info's {@code Runtimes} gives it; empty when not known. */
    public static String path(Snapshot snapshot, String runtime) {
        if (runtime.isEmpty()) {
            return "";
        }
        return Facts.ifKnown(snapshot.daemon().info()).map(info -> info.path("Runtimes").path(runtime).path("path").asText("")).orElse("");
    }
}
