package org.dockaudit.check.control;

import java.util.List;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.NotApplicableException;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.model.DaemonFiles;
import org.dockaudit.model.Fact;
import org.dockaudit.model.FileStatus;

/**
 * One of CIS 3.1 to 3.24: the owner or the mode of one role of the daemon's files
 * ({@link DaemonFiles}). Every file of the role found on the host is judged; a role none of whose
 * paths exists is not applicable, and says where it looked.
 */
abstract sealed class DaemonFileCheck implements HostCheck permits FileOwnership, FilePermissions {

    /** The role of {@link DaemonFiles} the item names. */
    abstract String role();

    /** What is wrong with one file, and how much: the evidence line's end and its severity. */
    record Wrong(Severity severity, String why) {}

    /** How the file reads in the evidence ({@code PATH root:docker mode 660}). */
    abstract String described(FileStatus file, Accounts accounts);

    /** What is wrong with the file for this item; null when nothing is. */
    abstract Wrong judge(FileStatus file, Accounts accounts);

    /** Each file of the role judged: the worst severity fails the item, with a line per file wrong. */
    @Override
    public final Outcome evaluate(HostContext host) {
        List<FileStatus> files = found(host);
        Accounts accounts = accounts(host);
        Severity worst = Severity.INFO;
        List<String> evidence = new java.util.ArrayList<>();
        List<String> fine = new java.util.ArrayList<>();
        for (FileStatus file : files) {
            Wrong wrong = judge(file, accounts);
            if (wrong == null) {
                fine.add(described(file, accounts));
            } else {
                worst = worst.max(wrong.severity());
                evidence.add(described(file, accounts) + ": " + wrong.why());
            }
        }
        return evidence.isEmpty() ? Outcome.pass(String.join("; ", fine)) : Outcome.fail(worst, evidence);
    }

    /** The files of the role that exist here. */
    final List<FileStatus> found(HostContext host) {
        if (host.rootless()) {
            throw new NotApplicableException("a rootless daemon's files belong to the user it runs as, under that user's home");
        }
        DaemonFiles files = Facts.require(host.host().daemonFiles(), "the daemon's files");
        Fact<DaemonFiles.Located> fact = files.roles().get(role());
        if (fact == null) {
            throw new UnknownFactException(role() + " was not recorded in this snapshot");
        }
        DaemonFiles.Located located = Facts.require(fact, role());
        if (located.found().isEmpty()) {
            throw new NotApplicableException(located.searched().isEmpty()
                    ? located.why() : "no " + role() + " here (looked at " + String.join(", ", located.searched()) + ")");
        }
        return located.found();
    }

    final Accounts accounts(HostContext host) {
        return Accounts.parse(Facts.require(host.host().passwdFile(), "/etc/passwd"), Facts.require(host.host().groupFile(), "/etc/group"));
    }

    /** {@code root:docker}, or the numbers where the host names no such user or group. */
    static String owner(FileStatus file, Accounts accounts) {
        return accounts.userName(file.uid()).orElse(Integer.toString(file.uid())) + ":"
                + accounts.groupName(file.gid()).orElse(Integer.toString(file.gid()));
    }
}
