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
 * {@code HostConfig.MemorySwap} beside a memory limit: -1 is unlimited swap; 0 lets Docker cap
 * memory plus swap at twice the memory. Not applicable without a memory limit (RES-001).
 */
@CheckInfo(
        id = "RES-002",
        title = "Memory limited but swap unlimited",
        severity = Severity.LOW,
        area = Area.RESOURCE_CONSUMPTION,
        threats = {Threat.DENIAL_OF_SERVICE},
        remediation = "Set `--memory-swap` equal to `--memory` (no swap) or to a bounded total.")
public final class NoSwapLimit implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        long memory = container.number("HostConfig", "Memory");
        if (memory <= 0) {
            return Outcome.notApplicable("no memory limit to pair a swap limit with (RES-001)");
        }
        long swap = container.number("HostConfig", "MemorySwap");
        if (swap == -1) {
            return Outcome.fail(Severity.LOW, List.of("--memory-swap -1: swap use is unlimited beside --memory " + memory))
                    .withFix(Fix.because("swap is unlimited").add("--memory-swap " + memory, "memswap_limit", memory).build());
        }
        return Outcome.pass(swap == 0
                ? "HostConfig.MemorySwap is 0: Docker caps memory plus swap at twice --memory"
                : "--memory-swap " + swap + " bytes");
    }
}
