package org.dockaudit.check.control;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.FileStatus;

/**
 * Who may connect to the control sockets: connecting needs write permission on the socket file. The
 * benchmark's own items for the same files (CIS 3.15, 3.16, 3.23, 3.24) are FIL-015, FIL-016, FIL-023 and
 * FIL-024, one item each.
 */
@CheckInfo(
        id = "CTL-001",
        title = "Docker or containerd socket open to more than root and its group",
        severity = Severity.CRITICAL,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "`chown root:docker /var/run/docker.sock && chmod 660 /var/run/docker.sock` (containerd: "
                + "`root:root`, `600`), and fix the daemon's `--group` / socket unit so it stays so.")
public final class ControlSocketPermissions implements HostCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        List<FileStatus> sockets = Facts.require(host.host().controlSockets(), "control sockets");
        if (sockets.isEmpty()) {
            return Outcome.notApplicable("no Docker or containerd socket at the usual paths");
        }
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (FileStatus socket : sockets) {
            int mode = Integer.parseInt(socket.mode(), 8);
            String described = socket.path() + " mode " + socket.mode() + " uid " + socket.uid() + " gid " + socket.gid();
            if ((mode & 0002) != 0) {
                worst = Severity.CRITICAL;
                evidence.add(described + ": any local user may connect, and so is root (critical)");
            } else if (socket.uid() != 0 && !host.rootless()) {
                worst = worst.max(Severity.HIGH);
                evidence.add(described + ": owned by a user other than root (high)");
            } else if ((mode & 0004) != 0) {
                worst = worst.max(Severity.LOW);
                evidence.add(described + ": world-readable, though connecting needs write permission (low)");
            } else {
                fine.add(described);
            }
        }
        return evidence.isEmpty() ? Outcome.pass(String.join("; ", fine)) : Outcome.fail(worst, evidence);
    }
}
