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

/** Shares only weigh containers against each other under contention; a quota is a limit. */
@CheckInfo(
        id = "RES-003",
        title = "No CPU limit",
        severity = Severity.LOW,
        area = Area.RESOURCE_CONSUMPTION,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "5.12",
        remediation = "Set `--cpus` (e.g. `--cpus 1.5`), or `--cpu-quota` with `--cpu-period`; pin with `--cpuset-cpus` if needed.")
public final class NoCpuLimit implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        long nanoCpus = container.number("HostConfig", "NanoCpus");
        long quota = container.number("HostConfig", "CpuQuota");
        String cpuset = container.string("HostConfig", "CpusetCpus");
        if (nanoCpus > 0) {
            return Outcome.pass("--cpus " + nanoCpus / 1e9);
        }
        if (quota > 0) {
            return Outcome.pass("--cpu-quota " + quota);
        }
        if (!cpuset.isEmpty()) {
            return Outcome.pass("--cpuset-cpus " + cpuset);
        }
        long shares = container.number("HostConfig", "CpuShares");
        return Outcome.fail(Severity.LOW, List.of("no --cpus, --cpu-quota or --cpuset-cpus"
                + (shares > 0 ? "; --cpu-shares " + shares + " is a relative weight, not a limit" : "")))
                .withFix(Fix.because("no CPU limit").add("--cpus 1", "cpus", 1.0).build());
    }
}
