package org.dockaudit.check.unabstracted;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Runtimes;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;

/** The runtime every container gets unless it names another: a fact of the daemon, reported once. */
@CheckInfo(
        id = "RTM-002",
        title = "The daemon's default runtime shares the host kernel",
        severity = Severity.INFO,
        area = Area.UNABSTRACTED_RESOURCES,
        threats = {Threat.ESCAPE},
        remediation = "Declare a runtime with its own kernel in daemon.json `runtimes` (gVisor's runsc, Kata) and make it "
                + "`default-runtime`, or give it to untrusted workloads with `--runtime`.")
public final class DefaultRuntimeSharesKernel implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        JsonNode info = host.infoIfKnown().orElseThrow(() -> new UnknownFactException("docker info was not collected"));
        String runtime = info.path("DefaultRuntime").asText("");
        if (runtime.isEmpty()) {
            throw new UnknownFactException("docker info names no DefaultRuntime");
        }
        String path = info.path("Runtimes").path(runtime).path("path").asText("");
        if (Runtimes.isolates(runtime, path)) {
            return Outcome.pass("default runtime '" + runtime + "' runs containers on a kernel of their own");
        }
        return Outcome.fail(Severity.INFO, List.of("default runtime '" + runtime + "'" + (path.isEmpty() ? "" : " (" + path + ")")
                + ": every container's system calls reach the host kernel"));
    }
}
