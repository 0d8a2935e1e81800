package org.dockaudit.check.isolation;

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
import org.dockaudit.model.PortBinding;

/**
 * Each published port whose host side is below 1024, from {@code HostConfig.PortBindings}. On the
 * host those ports are root's alone; dockerd binds them for the container whatever user runs in
 * it, so a container can take the port where the host's own SSH or web server is expected. A
 * binding without a host port ({@code -p 80}, {@code -P}) gets one of the ephemeral range, never a
 * privileged one.
 */
@CheckInfo(
        id = "ISO-012",
        title = "Privileged host port (below 1024) published",
        severity = Severity.LOW,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "5.8",
        remediation = "Publish the service on a host port above 1023 (`-p 8080:80`), with the host's own proxy in front where"
                + " port 80 or 443 must answer; keep a privileged port only for the container that is the host's service on it.")
public final class PrivilegedHostPort implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        List<String> evidence = new ArrayList<>();
        for (PortBinding binding : PortBinding.of(container.node("HostConfig", "PortBindings"))) {
            String hostPort = binding.hostPort();
            if (hostPort.matches("\\d{1,5}") && Integer.parseInt(hostPort) > 0 && Integer.parseInt(hostPort) < 1024) {
                String address = binding.hostIp();
                evidence.add("-p " + (address.isEmpty() ? "" : address + ":") + hostPort + ":" + binding.containerPort()
                        + ": host port " + hostPort + " is a privileged port");
            }
        }
        if (evidence.isEmpty()) {
            return Outcome.pass("no privileged host port published");
        }
        return Outcome.fail(Severity.LOW, evidence).withFix(Fix.because("a privileged host port is published")
                .note("publish the service on a host port above 1023 (-p 8080:80), with the host's proxy in front, unless this"
                        + " container is meant to be the host's service on that port")
                .build());
    }
}
