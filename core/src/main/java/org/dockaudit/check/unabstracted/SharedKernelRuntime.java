package org.dockaudit.check.unabstracted;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Facts;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** runc and crun share the host kernel; gVisor and Kata put another kernel in between. */
@CheckInfo(
        id = "RTM-001",
        title = "Container runtime shares the host kernel",
        severity = Severity.INFO,
        area = Area.UNABSTRACTED_RESOURCES,
        threats = {Threat.ESCAPE},
        remediation = "For untrusted workloads, use a runtime with its own kernel: `--runtime runsc` (gVisor) "
                + "or `--runtime kata` (Kata Containers), declared in daemon.json `runtimes`.")
public final class SharedKernelRuntime implements ContainerCheck {

    private static final List<String> ISOLATING = List.of("runsc", "gvisor", "kata", "io.containerd.runsc", "io.containerd.kata");

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (container.string("Platform").equalsIgnoreCase("windows")) {
            return Outcome.notApplicable("a Windows container: isolation is WIN-001's");
        }
        String runtime = container.string("HostConfig", "Runtime");
        String path = runtimePath(container, runtime);
        if (ISOLATING.stream().anyMatch(name -> runtime.contains(name) || path.contains(name))) {
            return Outcome.pass("runtime '" + runtime + "' (" + path + ") runs the container on its own kernel");
        }
        return Outcome.fail(Severity.INFO, List.of("runtime '" + (runtime.isEmpty() ? "default" : runtime) + "'"
                + (path.isEmpty() ? "" : " (" + path + ")") + ": the container's system calls reach the host kernel"));
    }

    private static String runtimePath(ContainerContext container, String runtime) {
        if (runtime.isEmpty()) {
            return "";
        }
        return Facts.ifKnown(container.snapshot().daemon().info())
                .map(info -> info.path("Runtimes").path(runtime).path("path").asText(""))
                .orElse("");
    }
}
