package org.dockaudit.check.resources;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** {@code HostConfig.Memory}: 0 means no limit, and the container may take all host memory. */
@CheckInfo(
        id = "RES-001",
        title = "No memory limit",
        severity = Severity.MEDIUM,
        area = Area.RESOURCE_CONSUMPTION,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "5.11",
        remediation = "Set `--memory` to the workload's need, e.g. `--memory 512m`.")
public final class NoMemoryLimit implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        long memory = container.number("HostConfig", "Memory");
        return memory > 0
                ? Outcome.pass("--memory " + memory + " bytes")
                : Outcome.fail(Severity.MEDIUM, List.of("HostConfig.Memory is 0: the container may take all host memory"))
                        .withFix(Fix.because("no memory limit").add("--memory 512m", "mem_limit", "512m")
                                .note("size --memory (and --pids-limit, --cpus) to the workload; the values shown are starting points",
                                        "size resources.limits (memory, cpu) to the workload; the values shown are starting points")
                                .build());
    }
}
