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

/**
 * {@code --oom-kill-disable} without a memory limit: under memory pressure the host kills its own
 * processes instead. With a memory limit the container waits, and it passes.
 */
@CheckInfo(
        id = "RES-005",
        title = "OOM killer disabled without a memory limit",
        severity = Severity.HIGH,
        area = Area.RESOURCE_CONSUMPTION,
        threats = {Threat.DENIAL_OF_SERVICE},
        remediation = "Remove `--oom-kill-disable`, or set `--memory` with it.")
public final class OomKillerDisabled implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        boolean disabled = container.bool("HostConfig", "OomKillDisable");
        long memory = container.number("HostConfig", "Memory");
        if (!disabled) {
            return Outcome.pass("the OOM killer may end the container's processes");
        }
        if (memory > 0) {
            return Outcome.pass("--oom-kill-disable with --memory " + memory + ": the container waits, the host does not starve");
        }
        return Outcome.fail(Severity.HIGH, List.of(
                "--oom-kill-disable without --memory: under memory pressure the host kills its own processes instead"))
                .withFix(Fix.because("the OOM killer is disabled").remove("--oom-kill-disable", "oom_kill_disable").build());
    }
}
