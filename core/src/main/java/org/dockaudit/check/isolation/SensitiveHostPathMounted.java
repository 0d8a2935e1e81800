package org.dockaudit.check.isolation;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

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

    private static final List<SensitivePath> PATHS = List.of(
            new SensitivePath("/", Severity.CRITICAL, Severity.HIGH, "the whole host file system"),
            new SensitivePath("/etc", Severity.CRITICAL, Severity.MEDIUM, "host configuration, users and passwords"),
            new SensitivePath("/proc", Severity.CRITICAL, Severity.HIGH, "host processes and kernel settings (sysrq, core_pattern)"),
            new SensitivePath("/sys", Severity.CRITICAL, Severity.MEDIUM, "kernel and device settings, cgroup release agents"),
            new SensitivePath("/dev", Severity.CRITICAL, Severity.HIGH, "host device nodes"),
            new SensitivePath("/boot", Severity.HIGH, Severity.MEDIUM, "kernel images and boot loader"),
            new SensitivePath("/lib/modules", Severity.HIGH, Severity.LOW, "kernel modules"),
            new SensitivePath("/usr/lib/modules", Severity.HIGH, Severity.LOW, "kernel modules"),
            new SensitivePath("/var/lib/docker", Severity.CRITICAL, Severity.HIGH, "every container's files and Docker's state"),
            new SensitivePath("/var/lib/containerd", Severity.CRITICAL, Severity.HIGH, "containerd's state and images"),
            new SensitivePath("/root", Severity.HIGH, Severity.MEDIUM, "root's home: keys, shell history"),
            new SensitivePath("/home", Severity.HIGH, Severity.MEDIUM, "users' homes: keys, credentials"),
            new SensitivePath("/tmp/.X11-unix", Severity.HIGH, Severity.HIGH, "the X11 socket: keystrokes and screen of the host's session"));

    @Override
    public Outcome evaluate(ContainerContext container) {
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        for (HostMount mount : HostMount.of(container)) {
            for (SensitivePath sensitive : PATHS) {
                if (matches(mount.hostPath(), sensitive.path())) {
                    Severity severity = mount.readWrite() ? sensitive.readWrite() : sensitive.readOnly();
                    worst = worst.max(severity);
                    evidence.add(mount.describe() + ": " + sensitive.path() + ", " + sensitive.why() + " (" + severity.id() + ")");
                    break;
                }
            }
        }
        return evidence.isEmpty()
                ? Outcome.pass("no bind mount of a sensitive host path")
                : Outcome.fail(worst, evidence);
    }

    /** The mount is the sensitive path, lies below it, or is a parent directory that contains it. */
    private static boolean matches(String source, String sensitive) {
        if (sensitive.equals("/")) {
            return source.equals("/");
        }
        return source.equals(sensitive) || source.startsWith(sensitive + "/") || sensitive.startsWith(source + "/");
    }

}
