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

/** {@code HostConfig.PidsLimit}: unset, 0 or negative means no limit, and a fork bomb exhausts the host's pids. */
@CheckInfo(
        id = "RES-004",
        title = "No limit on the number of processes",
        severity = Severity.MEDIUM,
        area = Area.RESOURCE_CONSUMPTION,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "5.29",
        remediation = "Set `--pids-limit`, e.g. `--pids-limit 100`: a fork bomb then stays inside the container.")
public final class NoPidsLimit implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        long limit = container.number("HostConfig", "PidsLimit");
        return limit > 0
                ? Outcome.pass("--pids-limit " + limit)
                : Outcome.fail(Severity.MEDIUM, List.of("HostConfig.PidsLimit is " + (limit == 0 ? "unset" : limit)
                        + ": a fork bomb exhausts the host's pids"))
                        .withFix(Fix.because("no pids limit").add("--pids-limit 100", "pids_limit", 100).build());
    }
}
