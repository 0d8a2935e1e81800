package org.dockaudit.check.unabstracted;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** Seccomp and MAC together reduce the kernel's attack surface; without MAC one layer is missing. */
@CheckInfo(
        id = "MAC-001",
        title = "No mandatory access control (AppArmor or SELinux) in force on the host",
        severity = Severity.MEDIUM,
        area = Area.UNABSTRACTED_RESOURCES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Boot with AppArmor (`apparmor=1 security=apparmor`, Debian and Ubuntu) or SELinux "
                + "(`dockerd --selinux-enabled`, Fedora and RHEL) so that Docker confines each container.")
public final class NoMandatoryAccessControl implements HostCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        List<String> modules = Facts.require(host.host().securityModules(), "security modules");
        if (modules.contains("apparmor") || modules.contains("selinux")) {
            return Outcome.pass("active security modules: " + String.join(",", modules));
        }
        return Outcome.fail(Severity.MEDIUM, List.of("active security modules: "
                + (modules.isEmpty() ? "none found" : String.join(",", modules)) + ": neither AppArmor nor SELinux"));
    }
}
