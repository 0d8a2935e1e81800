package org.dockaudit.check.resources;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DataRoot;
import org.dockaudit.model.MountEntry;

/**
 * CIS 1.1.1: the daemon's data root (images, container layers, volumes, logs) has a file system of
 * its own, so that a container filling it does not fill the host's {@code /}. Judged by device in
 * the daemon's mount table: a bind mount of a directory of {@code /} is a mount point (docker-bench's
 * {@code mountpoint} test passes it) but the same file system.
 */
@CheckInfo(
        id = "RES-010",
        title = "The daemon's data root shares the host's root file system",
        severity = Severity.MEDIUM,
        area = Area.RESOURCE_CONSUMPTION,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "1.1.1",
        remediation = "Give the data root a file system of its own (a partition or logical volume mounted at"
                + " `/var/lib/docker`, or `data-root` in daemon.json pointing at one), so that a container filling it"
                + " cannot fill `/`.")
public final class DataRootOnRootFileSystem implements HostCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        DataRoot data = Facts.require(host.host().dataRoot(), "the data root's file system");
        MountEntry mount = data.mount();
        if (mount.device() == null || data.root().device() == null) {
            return Outcome.unknown("this snapshot does not record the devices of mounts");
        }
        String described = mount.fsType() + " " + mount.source() + " (device " + mount.device() + ")";
        if (data.onRootFileSystem()) {
            return Outcome.fail(Severity.MEDIUM, List.of(data.path() + " is on the root file system, " + described
                    + (mount.mountPoint().equals("/") ? "" : ", through a bind mount at " + mount.mountPoint()
                    + ": a mount point, not another file system (dockerd bind-mounts its data root onto itself to set its"
                    + " propagation)")));
        }
        return Outcome.pass(data.path() + " is on " + described + " mounted at " + mount.mountPoint()
                + (mount.mountPoint().equals(data.path()) ? "" : ", which it shares with the rest of " + mount.mountPoint()));
    }
}
