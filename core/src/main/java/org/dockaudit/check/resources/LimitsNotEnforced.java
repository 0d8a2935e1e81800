package org.dockaudit.check.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.model.CgroupFacts;
import org.dockaudit.model.Fact;
import org.dockaudit.model.RuntimeFacts;

/** A limit in the configuration that the cgroup files do not show is no limit. */
@CheckInfo(
        id = "RES-006",
        title = "Configured resource limits not enforced by the cgroup",
        severity = Severity.HIGH,
        area = Area.RESOURCE_CONSUMPTION,
        threats = {Threat.DENIAL_OF_SERVICE},
        remediation = "Find what changed the running cgroup: `docker update` (see `docker events`), a write to its files, or a "
                + "controller the host lacks (for swap: boot with `swapaccount=1` on cgroup v1); `docker update` back the "
                + "configured values, or enable the controller and restart the container.")
public final class LimitsNotEnforced implements ContainerCheck {

    /** Memory limits are rounded to the page size by the kernel. */
    private static final long PAGE = 4096;

    @Override
    public Outcome evaluate(ContainerContext container) {
        long memory = container.number("HostConfig", "Memory");
        long swap = container.number("HostConfig", "MemorySwap");
        long nanoCpus = container.number("HostConfig", "NanoCpus");
        long quota = container.number("HostConfig", "CpuQuota");
        long pids = container.number("HostConfig", "PidsLimit");
        if (memory <= 0 && nanoCpus <= 0 && quota <= 0 && pids <= 0) {
            return Outcome.notApplicable("no memory, CPU or pids limit configured");
        }
        Optional<RuntimeFacts> runtime = container.cgroupView();
        if (runtime.isEmpty()) {
            return Outcome.notApplicable("container is not running: nothing enforced to compare with");
        }
        CgroupFacts cgroup = Facts.require(runtime.get().cgroup(), "cgroup of the container");
        List<String> compared = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (memory > 0) {
            compare("memory", memory, cgroup.memoryLimit(), PAGE, compared, missing);
            // Docker's default swap allowance is as much again as --memory.
            long total = swap == 0 ? 2 * memory : swap;
            if (total > 0) {
                long expected = cgroup.version().equals("v2") ? total - memory : total;
                compare(cgroup.version().equals("v2") ? "swap" : "memory+swap", expected, cgroup.memorySwapLimit(), PAGE, compared, missing);
            }
        }
        if (nanoCpus > 0 || quota > 0) {
            long period = Facts.require(cgroup.cpuPeriodMicros(), "cgroup CPU period");
            long expected = nanoCpus > 0 ? nanoCpus * period / 1_000_000_000L : quota;
            compare("cpu quota", expected, cgroup.cpuQuotaMicros(), 1, compared, missing);
        }
        if (pids > 0) {
            compare("pids", pids, cgroup.pidsMax(), 0, compared, missing);
        }
        if (missing.isEmpty()) {
            return Outcome.pass("cgroup " + cgroup.version() + " enforces " + String.join(", ", compared));
        }
        // The configuration is right and the kernel state is not: say what changes a running cgroup.
        missing.add("the configuration asks for these limits and the cgroup files hold others: a missing cgroup"
                + " controller, `docker update` since the start, or a direct write to the cgroup files");
        return Outcome.fail(Severity.HIGH, missing);
    }

    private static void compare(String what, long configured, Fact<Long> enforced, long tolerance,
            List<String> compared, List<String> missing) {
        if (!enforced.known()) {
            // A missing file is a controller the kernel does not offer; anything else is unknown.
            if (!enforced.missing()) {
                throw new UnknownFactException(what + " limit: " + enforced.unknown());
            }
            missing.add(what + " limit " + configured + " configured, not enforced: " + enforced.unknown());
            return;
        }
        long value = enforced.value();
        if (value == CgroupFacts.UNLIMITED || value > configured + tolerance) {
            missing.add(what + " limit " + configured + " configured, the cgroup enforces "
                    + (value == CgroupFacts.UNLIMITED ? "none" : value));
        } else {
            compared.add(what + " " + value);
        }
    }
}
