package org.dockaudit.check.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.NotApplicableException;

/**
 * A check of the swarm itself (CIS 7.x), read on a manager: docker info's {@code Swarm} (the
 * cluster's spec and root CA come with it) and the managers' nodes, services and overlay networks.
 * Off a swarm it does not apply; on a worker, the swarm's settings are the managers' to show.
 */
abstract class SwarmCheck implements DaemonCheck {

    /** docker info's {@code Swarm} of a manager of an active swarm. */
    static JsonNode manager(HostContext host) {
        JsonNode swarm = host.info().path("Swarm");
        if (!swarm.path("LocalNodeState").asText("").equals("active")) {
            throw new NotApplicableException("swarm mode is not active on this node");
        }
        if (!swarm.path("ControlAvailable").asBoolean(false)) {
            throw new NotApplicableException("a worker: the swarm's settings are read on a manager (audit one)");
        }
        return swarm;
    }

    /** The managers' answers: {@code nodes}, {@code services}, {@code networks}. */
    static JsonNode cluster(HostContext host) {
        manager(host);
        return Facts.require(host.daemon().swarm(), "the swarm's nodes, services and networks");
    }
}
