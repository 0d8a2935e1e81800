package org.dockaudit.check.isolation;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Every port the container publishes on the host ({@code HostConfig.PortBindings}, and
 * {@code -P}'s choices in {@code NetworkSettings.Ports} for a running one), listed so that each
 * can be confirmed as needed (CIS 5.9). Where they listen, all interfaces or one, is ISO-011's.
 */
@CheckInfo(
        id = "ISO-014",
        title = "Ports published on the host",
        severity = Severity.INFO,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "5.9",
        remediation = "Publish only the ports clients must reach (`-p` each, no `-P`), and reach the others over a"
                + " network of the containers' own.")
public final class PublishedPorts implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        List<String> ports = new ArrayList<>();
        JsonNode bindings = container.running() && container.inspect().path("NetworkSettings").path("Ports").isObject()
                ? container.inspect().path("NetworkSettings").path("Ports") : container.inspect().path("HostConfig").path("PortBindings");
        for (PortBinding binding : PortBinding.of(bindings)) {
            ports.add((binding.hostIp().isEmpty() ? "0.0.0.0" : binding.hostIp()) + ":"
                    + (binding.hostPort().isEmpty() ? "?" : binding.hostPort()) + " -> " + binding.containerPort());
        }
        if (ports.isEmpty()) {
            return Outcome.pass("no port published on the host");
        }
        Fix.Builder fix = Fix.because("ports published on the host");
        if (container.bool("HostConfig", "PublishAllPorts")) {
            fix.remove("-P", null);
        }
        return Outcome.fail(Severity.INFO, List.of(ports.size() + " published: " + String.join(", ", ports.stream().distinct().toList())))
                .withFix(fix.note("publish only the ports clients must reach, each with -p",
                "give a hostPort only to the ports clients must reach on the node; a Service reaches the others").build());
    }
}
