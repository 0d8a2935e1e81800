package org.dockaudit.check.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.DaemonProcess;
import org.dockaudit.model.Listener;

/**
 * CIS 7.2: the swarm's management port listens on one interface, not all. Read from the sockets
 * dockerd listens on (as the kernel lists them), on the port this manager advertises.
 */
@CheckInfo(
        id = "SWM-002",
        title = "Swarm management port listens on every interface",
        severity = Severity.MEDIUM,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "7.2",
        remediation = "Bind the swarm to the management interface: `docker swarm init --listen-addr ADDR:2377` (on an existing"
                + " swarm the node must leave and join again with `--listen-addr`).")
public final class ManagementPortOnAllInterfaces extends SwarmCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        JsonNode swarm = manager(host);
        int port = 2377;
        for (JsonNode manager : swarm.path("RemoteManagers")) {
            String address = manager.path("Addr").asText("");
            if (manager.path("NodeID").asText().equals(swarm.path("NodeID").asText()) && address.lastIndexOf(':') > 0) {
                port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            }
        }
        DaemonProcess daemon = Facts.require(host.host().daemonProcess(), "dockerd process");
        List<String> wildcard = new ArrayList<>();
        List<String> bound = new ArrayList<>();
        for (Listener listener : daemon.listeners()) {
            if (!listener.protocol().equals("unix") && listener.port() == port) {
                (List.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0").contains(listener.address()) ? wildcard : bound)
                        .add(listener.address() + ":" + port);
            }
        }
        if (!wildcard.isEmpty()) {
            return Outcome.fail(Severity.MEDIUM, List.of("dockerd listens for the swarm on " + String.join(", ", wildcard)
                    + ": every interface, not only the management network"));
        }
        if (bound.isEmpty()) {
            return Outcome.unknown("dockerd is seen listening on no port " + port + " (another network namespace?)");
        }
        return Outcome.pass("dockerd listens for the swarm on " + String.join(", ", bound));
    }
}
