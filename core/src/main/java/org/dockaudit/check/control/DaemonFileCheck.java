package org.dockaudit.check.control;

import java.util.List;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.NotApplicableException;
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
