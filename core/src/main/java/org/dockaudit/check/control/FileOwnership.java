package org.dockaudit.check.control;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
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
    public Outcome evaluate(HostContext host) {
        List<FileStatus> files = found(host);
        Accounts accounts = accounts(host);
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (FileStatus file : files) {
            String described = file.path() + " " + owner(file, accounts) + " mode " + file.mode();
            if (file.uid() != 0) {
                worst = worst.max(Severity.HIGH);
                evidence.add(described + ": its owner can rewrite it and change its mode (high)");
            } else if (!acceptedGroup(file.gid(), accounts)) {
                boolean groupWrites = (file.permissions() & 0020) != 0;
                worst = worst.max(groupWrites ? Severity.MEDIUM : Severity.LOW);
                evidence.add(described + (groupWrites ? ": its group can write it (medium)" : ": group other than the benchmark's "
                        + expected().substring(expected().indexOf(':') + 1) + " (low: what that group may do is the mode's item)"));
            } else {
                fine.add(described);
            }
        }
        return evidence.isEmpty() ? Outcome.pass(String.join("; ", fine)) : Outcome.fail(worst, evidence);
    }
}
