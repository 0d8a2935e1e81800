package org.dockaudit.check.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.model.ProcessFacts;

/**
 * A remote-shell server among the container's processes: each process's name
 * ({@code /proc/PID/comm}, read from the host as the other process checks read theirs, never by
 * {@code docker exec}) is one of sshd (and OpenSSH's sshd-session and sshd-auth), dropbear,
 * tinysshd, or a telnet, rlogin or rsh daemon. Such a server is a way in that bypasses the
 * engine's API, and its logs and controls. A process whose name could not be read, with no
 * such server found among the others, makes it unknown.
 */
@CheckInfo(
        id = "CTL-006",
        title = "Remote-shell server running inside a container",
        severity = Severity.MEDIUM,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "5.7",
        remediation = "Remove the SSH (or telnet, rsh) server from the image and its start-up; administer the container through"
                + " the engine (`docker exec`, audited where it matters), and publish no port for a shell.")
public final class RemoteShellDaemon implements ContainerCheck {

    private static final Set<String> SERVERS = Set.of("sshd", "sshd-session", "sshd-auth", "dropbear", "tinysshd", "telnetd",
            "in.telnetd", "rlogind", "in.rlogind", "rshd", "in.rshd");

    @Override
    public Outcome evaluate(ContainerContext container) {
        Optional<List<ProcessFacts>> processes = container.processes();
        if (processes.isEmpty()) {
            return Outcome.notApplicable(container.unseen() + ": its processes cannot be seen");
        }
        List<String> servers = new ArrayList<>();
        List<Integer> unnamed = new ArrayList<>();
        for (ProcessFacts process : processes.get()) {
            if (process.command() == null) {
                unnamed.add(process.pid());
            } else if (SERVERS.contains(process.command())) {
                servers.add("pid " + process.pid() + " (" + process.command() + ")");
            }
        }
        if (!servers.isEmpty()) {
            return Outcome.fail(Severity.MEDIUM, servers).withFix(Fix.because("a remote-shell server runs in the container")
                    .note("remove the remote-shell server from the image; administer the container through the engine instead")
                    .build());
        }
        if (!unnamed.isEmpty()) {
            throw new UnknownFactException("the name of pid " + unnamed.getFirst() + " could not be read"
                    + (unnamed.size() > 1 ? " (and of " + (unnamed.size() - 1) + " more)" : ""));
        }
        return Outcome.pass("no remote-shell server among its " + processes.get().size() + " processes");
    }
}
