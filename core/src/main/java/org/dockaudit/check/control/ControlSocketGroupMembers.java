package org.dockaudit.check.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.FileStatus;

/** Each member of a control socket's group can start a privileged container: root-equivalent. */
@CheckInfo(
        id = "CTL-002",
        title = "Users who can drive the daemon through its socket's group (root-equivalent)",
        severity = Severity.HIGH,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "1.1.2",
        remediation = "Keep the `docker` group to the administrators who need it (`gpasswd -d USER docker`); "
                + "give others a restricted access (authorization plugin, rootless Docker).")
public final class ControlSocketGroupMembers implements HostCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.infoIfKnown().filter(info -> info.path("OSType").asText("").equalsIgnoreCase("windows")).isPresent()) {
            return windows(host);
        }
        List<FileStatus> sockets = Facts.require(host.host().controlSockets(), "control sockets");
        Accounts accounts = Accounts.parse(Facts.require(host.host().passwdFile(), "/etc/passwd"),
                Facts.require(host.host().groupFile(), "/etc/group"));
        Set<Integer> groups = new LinkedHashSet<>();
        for (FileStatus socket : sockets) {
            if (socket.gid() != 0 && (Integer.parseInt(socket.mode(), 8) & 0020) != 0) {
                groups.add(socket.gid());
            }
        }
        accounts.groupId("docker").ifPresent(groups::add);
        List<String> evidence = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (int gid : groups) {
            String name = accounts.groupName(gid).orElse("gid " + gid);
            List<String> members = accounts.members(gid);
            if (members.isEmpty()) {
                empty.add(name);
            } else {
                for (String member : members) {
                    evidence.add(member + " is in group " + name + ": root-equivalent through the socket");
                }
            }
        }
        if (!evidence.isEmpty()) {
            return Outcome.fail(host.rootless() ? Severity.MEDIUM : Severity.HIGH, evidence);
        }
        return Outcome.pass(groups.isEmpty()
                ? "no control socket is writable by a group other than root"
                : "no user besides root in " + String.join(", ", empty));
    }

    /** On Windows the named pipe admits Administrators, plus the daemon's "group" setting. */
    private static Outcome windows(HostContext host) {
        var group = host.setting("--group", "group");
        if (group.isEmpty()) {
            return Outcome.pass("//./pipe/docker_engine: Administrators only (no \"group\" setting)");
        }
        return Outcome.fail(Severity.HIGH, List.of(group.get().source() + " gives group '" + group.get().value()
                + "' access to //./pipe/docker_engine: each of its members is an administrator of the host through it"));
    }
}
