package org.dockaudit.check.devices;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

@CheckInfo(
        id = "DEV-001",
        title = "Host devices exposed to the container",
        severity = Severity.CRITICAL,
        area = Area.DEVICES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.18",
        remediation = "Remove the `--device` flags that the workload does not need; keep the others with the "
                + "least permissions, e.g. `--device /dev/ttyUSB0:/dev/ttyUSB0:r`.")
public final class HostDevicesAdded implements ContainerCheck {

    /** Raw memory and whole disks: writing them is owning the host. */
    private static final Pattern HOST_TAKEOVER = Pattern.compile(
            "/dev/(mem|kmem|port|sd[a-z]+\\d*|nvme\\d+(n\\d+(p\\d+)?)?|vd[a-z]+\\d*|xvd[a-z]+\\d*|hd[a-z]+\\d*|dm-\\d+|mapper/.*|loop\\d+)");

    @Override
    public Outcome evaluate(ContainerContext container) {
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        for (JsonNode device : container.node("HostConfig", "Devices")) {
            String host = device.path("PathOnHost").asText();
            String permissions = device.path("CgroupPermissions").asText("rwm");
            boolean writes = permissions.contains("w") || permissions.contains("m");
            Severity severity = !writes ? Severity.MEDIUM : HOST_TAKEOVER.matcher(host).matches() ? Severity.CRITICAL : Severity.HIGH;
            worst = worst.max(severity);
            evidence.add("--device " + host + ":" + device.path("PathInContainer").asText() + ":" + permissions
                    + " (" + severity.id() + ")");
        }
        return evidence.isEmpty() ? Outcome.pass("no --device (HostConfig.Devices is empty)") : Outcome.fail(worst, evidence);
    }
}
