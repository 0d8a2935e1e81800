package org.dockaudit.check.control;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Severity;
import org.dockaudit.model.FileStatus;

/**
 * A CIS 3.x mode item: each file's mode is the benchmark's or more restrictive, bit by bit (a mode
 * such as {@code 607} is not "at most 644", though docker-bench's numeric comparison says so). The
 * severity follows what the extra bits let others do: another user writing it (or reading a secret)
 * is high; a group other than root's doing so, medium; any other extra bit, low.
 */
abstract non-sealed class FilePermissions extends DaemonFileCheck {

    /** The loosest mode the item accepts ({@code 0644}). */
    abstract int allowed();

    /** Whether reading the file is the harm (a private key), not only writing it. */
    boolean secret() {
        return false;
    }

    @Override
    String described(FileStatus file, Accounts accounts) {
        return file.path() + " mode " + file.mode() + " " + owner(file, accounts);
    }

    @Override
    Wrong judge(FileStatus file, Accounts accounts) {
        int extra = file.permissions() & ~allowed();
        if (extra == 0) {
            return null;
        }
        int harmful = secret() ? 0006 : 0002;
        Severity severity = (extra & harmful) != 0 ? Severity.HIGH
                : (extra & harmful << 3) != 0 && file.gid() != 0 ? Severity.MEDIUM : Severity.LOW;
        return new Wrong(severity, bits(extra) + " beyond " + Integer.toOctalString(allowed()) + " ("
                + severity.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }

    /** The extra bits in words: {@code group write, others read and write}. */
    static String bits(int extra) {
        List<String> parts = new ArrayList<>();
        String[] classes = {"owner", "group", "others"};
        for (int i = 0; i < 3; i++) {
            int shift = 6 - 3 * i;
            List<String> rights = new ArrayList<>();
            if ((extra >> shift & 4) != 0) {
                rights.add("read");
            }
            if ((extra >> shift & 2) != 0) {
                rights.add("write");
            }
            if ((extra >> shift & 1) != 0) {
                rights.add("execute");
            }
            if (!rights.isEmpty()) {
                parts.add(classes[i] + " " + String.join(" and ", rights));
            }
        }
        if ((extra & 07000) != 0) {
            parts.add("special bits " + Integer.toOctalString(extra & 07000));
        }
        return String.join(", ", parts);
    }
}
