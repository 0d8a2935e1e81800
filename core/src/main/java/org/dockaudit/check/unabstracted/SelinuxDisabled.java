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
 * {@code --security-opt label=disable}, an empty {@code ProcessLabel}, and processes running under
 * an unconfined SELinux type (unconfined_t, spc_t, kernel_t). Not applicable where SELinux is not
 * active on the host (MAC-001).
 */
@CheckInfo(
        id = "MAC-003",
        title = "Container not confined by SELinux",
        severity = Severity.HIGH,
        area = Area.UNABSTRACTED_RESOURCES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.3",
        remediation = "Remove `--security-opt label=disable` (and `--privileged`), and run dockerd with "
                + "`--selinux-enabled` so containers get the `container_t` type.")
public final class SelinuxDisabled implements ContainerCheck {

    /** Types that SELinux does not confine: an unconfined user's, or the super-privileged container's. */
    private static final List<String> UNCONFINED = List.of(":unconfined_t:", ":spc_t:", ":kernel_t:");

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (!SecurityModules.active(container).contains("selinux")) {
            return Outcome.notApplicable("SELinux is not active on the host (MAC-001)");
        }
        List<String> evidence = new ArrayList<>();
        Fix.Builder fix = Fix.because("no SELinux confinement");
        for (String option : container.strings("HostConfig", "SecurityOpt")) {
            if (option.replace(':', '=').equals("label=disable")) {
                evidence.add("--security-opt " + option);
                fix.removeSecurityOpt(option);
            }
        }
        String label = container.string("ProcessLabel");
        if (label.isEmpty() && evidence.isEmpty()) {
            evidence.add("ProcessLabel is empty: the daemon runs without --selinux-enabled");
        }
        SecurityModules.processLabels(container).stream()
                .filter(line -> UNCONFINED.stream().anyMatch(line::contains))
                .forEach(evidence::add);
        return evidence.isEmpty() ? Outcome.pass("ProcessLabel '" + label + "'") : Outcome.fail(Severity.HIGH, evidence).withFix(fix.build());
    }
}
