package org.dockaudit.check.isolation;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** With shared propagation, mounts made inside the container appear on the host. */
@CheckInfo(
        id = "ISO-010",
        title = "Bind mount with shared propagation",
        severity = Severity.MEDIUM,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.20",
        remediation = "Drop `shared`/`rshared` from the mount options (`-v src:dst:rprivate`, the default).")
public final class SharedMountPropagation implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        List<HostMount> shared = HostMount.of(container).stream()
                .filter(mount -> mount.propagation().equals("shared") || mount.propagation().equals("rshared"))
                .toList();
        return shared.isEmpty()
                ? Outcome.pass("no bind mount propagates mounts back to the host")
                : Outcome.fail(Severity.MEDIUM, shared.stream().map(HostMount::describe).toList())
                        .withFix(HostMount.removal("a bind propagates mounts back to the host", shared));
    }
}
