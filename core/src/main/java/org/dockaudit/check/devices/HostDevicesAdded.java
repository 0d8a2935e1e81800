package org.dockaudit.check.devices;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * Each {@code --device} of {@code HostConfig.Devices}: one already in Docker's default device
 * cgroup (/dev/net/tun, /dev/null ...) is information only; read-only access is medium; write
 * access is high, and critical for raw memory, whole disks and loop devices.
 */
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

    /**
     * Device nodes whose numbers Docker's default device cgroup already allows (DockerDefaults): adding
     * the node grants nothing the cgroup did not. /dev/net/tun still needs CAP_NET_ADMIN to make an
     * interface, and a VPN needs it read-write.
     */
    private static final Map<String, String> DEFAULT_NODES = Map.of(
            "/dev/net/tun", "c 10:200 rwm", "/dev/null", "c 1:3 rwm", "/dev/zero", "c 1:5 rwm", "/dev/full", "c 1:7 rwm",
            "/dev/random", "c 1:8 rwm", "/dev/urandom", "c 1:9 rwm", "/dev/tty", "c 5:0 rwm", "/dev/ptmx", "c 5:2 rwm");

    @Override
    public Outcome evaluate(ContainerContext container) {
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        Fix.Builder fix = Fix.because("a host device is added");
        for (JsonNode device : container.node("HostConfig", "Devices")) {
            String host = device.path("PathOnHost").asText();
            String permissions = device.path("CgroupPermissions").asText("rwm");
            String flag = "--device " + host + ":" + device.path("PathInContainer").asText() + ":" + permissions;
            if (withinDockerDefault(host)) {
                evidence.add(flag + " (info: " + DEFAULT_NODES.get(host) + " is in Docker's default device cgroup already"
                        + (host.equals("/dev/net/tun") ? "; making an interface still needs CAP_NET_ADMIN" : "") + ")");
                continue;
            }
            boolean writes = permissions.contains("w") || permissions.contains("m");
            Severity severity = !writes ? Severity.MEDIUM : HOST_TAKEOVER.matcher(host).matches() ? Severity.CRITICAL : Severity.HIGH;
            worst = worst.max(severity);
            evidence.add(flag + " (" + severity.id() + ")");
            removal(fix, host);
        }
        if (evidence.isEmpty()) {
            return Outcome.pass("no --device (HostConfig.Devices is empty)");
        }
        return worst == Severity.INFO ? Outcome.pass(String.join("; ", evidence)) : Outcome.fail(worst, evidence).withFix(fix.build());
    }

    /** Dropping one {@code --device}, in the words DEV-001 and DEV-004 share. */
    static Fix.Builder removal(Fix.Builder fix, String hostPath) {
        return fix.remove("--device " + hostPath + " (or keep it with the least permissions, e.g. :r)", "devices: " + hostPath);
    }

    /** Whether adding this host device grants nothing Docker's default device cgroup does not already. */
    public static boolean withinDockerDefault(String pathOnHost) {
        String rule = DEFAULT_NODES.get(pathOnHost);
        return rule != null && DockerDefaults.DEVICE_RULES.contains(rule);
    }
}
