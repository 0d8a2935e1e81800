package org.dockaudit.check.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;

/**
 * {@code Swarm.LocalNodeState} of docker info: a node in a swarm takes the tasks the managers give
 * it, and a manager ({@code ControlAvailable}) serves the swarm's control plane on its own port
 * (2377 by default). Whether the swarm is needed is the auditor's question: this says that it is
 * there, and what the node is in it.
 */
@CheckInfo(
        id = "DMN-015",
        title = "Swarm mode is on",
        severity = Severity.INFO,
        area = Area.DAEMON,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "5.1",
        remediation = "If this host needs no swarm, leave it: `docker swarm leave` (`--force` on the last manager).")
public final class SwarmModeActive implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman()) {
            return Outcome.notApplicable("Podman has no swarm mode");
        }
        JsonNode swarm = host.info().path("Swarm");
        String state = swarm.path("LocalNodeState").asText("");
        if (state.isEmpty()) {
            throw new UnknownFactException("docker info has no Swarm.LocalNodeState");
        }
        if (state.equals("inactive")) {
            return Outcome.pass("docker info: Swarm.LocalNodeState is inactive");
        }
        boolean manager = swarm.path("ControlAvailable").asBoolean(false);
        return Outcome.fail(Severity.INFO, List.of("docker info: Swarm.LocalNodeState is " + state + (manager
                ? ", as a manager: it serves the swarm's control plane" : ", as a worker: it runs the tasks its managers give it")));
    }
}
