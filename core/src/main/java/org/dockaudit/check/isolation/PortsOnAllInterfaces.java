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
 * {@code -P} and each published port bound to every interface (no address, 0.0.0.0 or ::), from
 * {@code HostConfig.PortBindings}.
 */
@CheckInfo(
        id = "ISO-011",
        title = "Ports published on all host interfaces",
        severity = Severity.LOW,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "5.14",
        remediation = "Bind each published port to one address: `-p 127.0.0.1:HOST:CONTAINER` "
                + "(or the one interface that must serve it); avoid `-P`.")
public final class PortsOnAllInterfaces implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        List<String> evidence = new ArrayList<>();
        Fix.Builder fix = Fix.because("a published port listens on every interface");
        if (container.bool("HostConfig", "PublishAllPorts")) {
            evidence.add("-P (HostConfig.PublishAllPorts): every exposed port on every interface");
            fix.remove("-P", null);
        }
        JsonNode bindings = container.node("HostConfig", "PortBindings");
        // Compose's ports list replaces the service's: every binding goes in, the public ones rebound.
        List<String> composePorts = new ArrayList<>();
        for (PortBinding binding : PortBinding.of(bindings)) {
            String address = binding.hostIp();
            String published = binding.hostPort() + ":" + binding.containerPort().replace("/tcp", "");
            if (address.isEmpty() || address.equals("0.0.0.0") || address.equals("::")) {
                evidence.add("-p " + (address.isEmpty() ? "" : address + ":") + binding.hostPort() + ":" + binding.containerPort()
                        + " listens on all interfaces");
                String typed = (address.isEmpty() ? "" : address + ":") + published;
                fix.remove("-p " + typed, "ports: " + typed).add("-p 127.0.0.1:" + published);
                composePorts.add("127.0.0.1:" + published);
            } else {
                composePorts.add(address + ":" + published);
            }
        }
        if (composePorts.stream().anyMatch(port -> port.startsWith("127.0.0.1:"))) {
            String first = composePorts.stream().filter(port -> port.startsWith("127.0.0.1:")).findFirst().orElseThrow();
            fix.set("ports", composePorts).note("127.0.0.1 keeps the service to this host; if other machines must reach it, publish it"
                    + " on the one interface they use instead (-p <that interface's address>:" + first.substring("127.0.0.1:".length())
                    + "), not on all of them");
        }
        return evidence.isEmpty()
                ? Outcome.pass(bindings.isEmpty() ? "no port published" : "every published port is bound to one address")
                : Outcome.fail(Severity.LOW, evidence).withFix(fix.build());
    }
}
