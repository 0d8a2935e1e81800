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
 * {@code HostConfig.CgroupParent}: a container placed under a cgroup of its own choosing is counted
 * and limited there, not under the daemon's parent ({@code docker}, or {@code system.slice}), so
 * a limit the host sets on all containers at that parent does not hold it. Where the parent comes
 * from the daemon ({@code --cgroup-parent} of dockerd), the container's own field is empty.
 */
@CheckInfo(
        id = "RES-008",
        title = "Container placed under a cgroup parent of its own",
        severity = Severity.LOW,
        area = Area.RESOURCE_CONSUMPTION,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "5.25",
        remediation = "Drop `--cgroup-parent` unless the parent named is one the host limits on purpose (a slice with its own"
                + " memory, CPU and pids limits); confirm those limits where it is kept.")
public final class OwnCgroupParent implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        String parent = container.string("HostConfig", "CgroupParent");
        if (parent.isEmpty()) {
            return Outcome.pass("no --cgroup-parent: under the daemon's parent, with the other containers");
        }
        return Outcome.fail(Severity.LOW, List.of("--cgroup-parent " + parent + ": counted and limited under " + parent
                        + ", not under the daemon's parent; what the host limits there is not known to the engine"))
                .withFix(Fix.because("the container chose its own cgroup parent")
                        .remove("--cgroup-parent " + parent, "cgroup_parent")
                        .note("keep --cgroup-parent only for a parent the host limits on purpose, and check those limits")
                        .build());
    }
}
