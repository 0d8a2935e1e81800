package org.dockaudit.check.unabstracted;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Runtimes;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;

/**
 * runc and crun share the host kernel; gVisor and Kata put another kernel in between. A container
 * fails when it asks for a runtime that shares the kernel while its daemon's default does not: it
 * opted out of the sandbox. When the default shares the kernel too, the daemon's finding (RTM-002)
 * says it once; when the default is not known, neither is the answer.
 */
@CheckInfo(
        id = "RTM-001",
        title = "Container asks for a runtime that shares the host kernel while its daemon's default does not",
        severity = Severity.INFO,
        area = Area.UNABSTRACTED_RESOURCES,
        threats = {Threat.ESCAPE},
        remediation = "For untrusted workloads, use a runtime with its own kernel: `--runtime runsc` (gVisor) "
                + "or `--runtime kata` (Kata Containers), declared in daemon.json `runtimes`.")
public final class SharedKernelRuntime implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (container.inspect().path("Platform").asText("").equalsIgnoreCase("windows")) {
            return Outcome.notApplicable("a Windows container: isolation is WIN-001's");
        }
        String runtime = container.string("HostConfig", "Runtime");
        String path = runtimePath(container, runtime);
        if (Runtimes.isolates(runtime, path)) {
            return Outcome.pass("runtime '" + runtime + "' (" + path + ") runs the container on its own kernel");
        }
        String daemonDefault = Facts.ifKnown(container.snapshot().daemon().info())
                .map(info -> info.path("DefaultRuntime").asText("")).orElse("");
        if (runtime.isEmpty() || runtime.equals(daemonDefault)) {
            // Not worse than its daemon's default: that default is reported once (RTM-002).
            return Outcome.notApplicable("the daemon's default runtime" + (runtime.isEmpty() ? "" : " '" + runtime + "'")
                    + ": reported once, on the daemon (RTM-002)");
        }
        if (daemonDefault.isEmpty()) {
            throw new UnknownFactException("the daemon's default runtime is not known (docker info was not read):"
                    + " whether '" + runtime + "' is a step down from it is not known");
        }
        if (!Runtimes.isolates(daemonDefault, runtimePath(container, daemonDefault))) {
            // Podman names its configured runtime "oci"; another runc or crun is no step down either.
            return Outcome.notApplicable("runtime '" + runtime + "': the daemon's default, '" + daemonDefault + "', shares the host"
                    + " kernel too: reported once, on the daemon (RTM-002)");
        }
        return Outcome.fail(Severity.INFO, List.of("runtime '" + (runtime.isEmpty() ? "default" : runtime) + "'"
                + (path.isEmpty() ? "" : " (" + path + ")") + ": the container's system calls reach the host kernel"))
                .withFix(Fix.because("the container opted out of its daemon's sandboxing runtime")
                        .remove("--runtime " + runtime, "runtime").build());
    }

    private static String runtimePath(ContainerContext container, String runtime) {
        return Runtimes.path(container.snapshot(), runtime);
    }
}
