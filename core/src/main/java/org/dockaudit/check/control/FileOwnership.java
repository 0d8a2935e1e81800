package org.dockaudit.check.control;

import org.dockaudit.check.Severity;
import org.dockaudit.model.FileStatus;

/**
 * A CIS 3.x ownership item: root owns each file, and root's group is its group. An owner other
 * than root can change the file's content and mode whatever the mode says (high); another group is
 * a risk as far as the mode lets that group write (medium) or not at all (low).
 */
abstract non-sealed class FileOwnership extends DaemonFileCheck {

    /** Whether the benchmark accepts {@code gid} as the file's group: root's, by default. */
    boolean acceptedGroup(int gid, Accounts accounts) {
        return gid == 0;
    }

    /** The ownership the item asks for, as {@code chown} takes it. */
    String expected() {
        return "root:root";
    }

    @Override
    String described(FileStatus file, Accounts accounts) {
        return file.path() + " " + owner(file, accounts) + " mode " + file.mode();
    }

    @Override
    Wrong judge(FileStatus file, Accounts accounts) {
        if (file.uid() != 0) {
            return new Wrong(Severity.HIGH, "its owner can rewrite it and change its mode (high)");
        }
        if (acceptedGroup(file.gid(), accounts)) {
            return null;
        }
        return (file.permissions() & 0020) != 0
                ? new Wrong(Severity.MEDIUM, "its group can write it (medium)")
                : new Wrong(Severity.LOW, "group other than the benchmark's " + expected().substring(expected().indexOf(':') + 1)
                        + " (low: what that group may do is the mode's item)");
    }
}
