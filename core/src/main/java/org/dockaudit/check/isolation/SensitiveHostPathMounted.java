package org.dockaudit.check.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.MountEntry;
import org.dockaudit.seccomp.DataTables;

/**
 * Each bind mount of a sensitive host path (the sensitive-host-paths table: /, /etc, /proc, /sys,
 * /var/lib/docker ...), rated read-write or read-only. A read-only bind is judged by the kernel's
 * mount table of the running container: submounts it shows writable below it make it read-only at
 * the top only, rated as the writable paths.
 */
@CheckInfo(
        id = "ISO-009",
        title = "Sensitive host path mounted into the container",
        severity = Severity.CRITICAL,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.6",
        remediation = "Remove the bind mount named in the evidence; mount only the application's own data "
                + "directory, read-only where possible (`-v /srv/app/data:/data:ro`).")
public final class SensitiveHostPathMounted implements ContainerCheck {

    private record SensitivePath(String path, Severity readWrite, Severity readOnly, String why) {}

    /** The versioned table {@code sensitive-host-paths.tsv}, in match order. */
    private static final List<SensitivePath> PATHS = DataTables.rows(SensitiveHostPathMounted.class, "sensitive-host-paths.tsv").stream()
            .map(row -> new SensitivePath(row[0], Severity.fromId(row[1]), Severity.fromId(row[2]), row[3]))
            .toList();

    @Override
    public Outcome evaluate(ContainerContext container) {
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        List<HostMount> flagged = new ArrayList<>();
        Optional<List<MountEntry>> table = observedMountTable(container);
        for (HostMount mount : HostMount.of(container)) {
            for (SensitivePath sensitive : PATHS) {
                if (matches(mount.hostPath(), sensitive.path())) {
                    Severity severity = mount.readWrite() ? sensitive.readWrite() : sensitive.readOnly();
                    String line = mount.describe() + ": " + sensitive.path() + ", " + sensitive.why();
                    if (!mount.readWrite() && table.isPresent()) {
                        // The flag makes the top of a recursive bind read-only; its submounts may stay writable.
                        List<String> writable = writableBelow(table.get(), mount.destination());
                        if (!writable.isEmpty()) {
                            severity = writable.stream().map(point -> severityWritable(mount, point)).reduce(Severity.INFO, Severity::max);
                            line += "; read-only at the top only: the kernel's mount table shows " + String.join(", ", writable)
                                    + " read-write";
                        }
                    }
                    worst = worst.max(severity);
                    evidence.add(line + " (" + severity.id() + ")");
                    flagged.add(mount);
                    break;
                }
            }
        }
        return evidence.isEmpty()
                ? Outcome.pass("no bind mount of a sensitive host path")
                : Outcome.fail(worst, evidence).withFix(HostMount.removal("a sensitive host path is mounted", flagged));
    }

    /** The mount table of a running container's init, when observed. */
    private static Optional<List<MountEntry>> observedMountTable(ContainerContext container) {
        return container.runtime().flatMap(runtime -> Facts.ifKnown(runtime.mountTable()));
    }

    /**
     * The topmost mount points at or below a bind's destination that the kernel lets be written,
     * sorted (those below a listed one add nothing to read).
     */
    private static List<String> writableBelow(List<MountEntry> table, String destination) {
        java.util.TreeSet<String> writable = table.stream()
                .filter(entry -> !entry.readOnly())
                .map(MountEntry::mountPoint)
                .filter(point -> point.equals(destination) || point.startsWith(destination + "/"))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        return writable.stream()
                .filter(point -> writable.stream().noneMatch(other -> !other.equals(point) && point.startsWith(other + "/")))
                .toList();
    }

    /** How bad a writable mount point below a bind is: the sensitive host path it shows, read-write. */
    private static Severity severityWritable(HostMount mount, String mountPoint) {
        String relative = mountPoint.substring(mount.destination().length());
        String hostPath = mount.hostPath().equals("/") ? (relative.isEmpty() ? "/" : relative) : mount.hostPath() + relative;
        for (SensitivePath sensitive : PATHS) {
            if (matches(hostPath, sensitive.path()) && (!sensitive.path().equals("/") || hostPath.equals("/"))) {
                return sensitive.readWrite();
            }
        }
        return Severity.MEDIUM;
    }

    /** The mount is the sensitive path, lies below it, or is a parent directory that contains it. */
    private static boolean matches(String source, String sensitive) {
        if (sensitive.equals("/")) {
            return source.equals("/");
        }
        return source.equals(sensitive) || source.startsWith(sensitive + "/") || sensitive.startsWith(source + "/");
    }

}
