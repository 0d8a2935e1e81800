package org.dockaudit.check.unabstracted;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * {@code AppArmorProfile} and the LSM label of each process: {@code unconfined} fails. Not
 * applicable where AppArmor is not active on the host (MAC-001).
 */
@CheckInfo(
        id = "MAC-002",
        title = "Container not confined by AppArmor",
        severity = Severity.HIGH,
        area = Area.UNABSTRACTED_RESOURCES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.2",
        remediation = "Remove `--security-opt apparmor=unconfined` (and `--privileged`); Docker applies `docker-default`, "
                + "or name a stricter profile with `--security-opt apparmor=PROFILE`.")
public final class AppArmorUnconfined implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (!SecurityModules.active(container).contains("apparmor")) {
            return Outcome.notApplicable("AppArmor is not active on the host (MAC-001)");
        }
        String profile = container.string("AppArmorProfile");
        List<String> evidence = new ArrayList<>();
        if (profile.equals("unconfined") || container.bool("HostConfig", "Privileged")) {
            evidence.add("AppArmorProfile is '" + profile + "'" + (container.bool("HostConfig", "Privileged") ? " (--privileged)" : ""));
        }
        List<String> labels = SecurityModules.processLabels(container);
        labels.stream().filter(label -> label.endsWith("'unconfined'")).forEach(evidence::add);
        if (!evidence.isEmpty()) {
            Fix.Builder fix = Fix.because("no AppArmor confinement");
            if (container.bool("HostConfig", "Privileged")) {
                fix.removePrivileged();
            }
            container.strings("HostConfig", "SecurityOpt").stream()
                    .filter(option -> option.replace(':', '=').equals("apparmor=unconfined"))
                    .forEach(option -> fix.removeSecurityOpt(option));
            return Outcome.fail(Severity.HIGH, evidence).withFix(fix.build());
        }
        if (profile.isEmpty() && !container.running()) {
            return Outcome.unknown("AppArmorProfile is empty and no process can be observed: the profile is chosen at start");
        }
        return Outcome.pass("AppArmor profile '" + profile + "'" + (labels.isEmpty() ? "" : "; " + String.join("; ", labels)));
    }
}
