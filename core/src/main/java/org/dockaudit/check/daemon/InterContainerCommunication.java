package org.dockaudit.check.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * The running daemon's default bridge option {@code com.docker.network.bridge.enable_icc}: anything
 * but {@code false} lets every container on docker0 reach every other. Rootless Podman has no such
 * bridge by default.
 */
@CheckInfo(
        id = "DMN-003",
        title = "Containers on the default bridge talk to each other freely",
        severity = Severity.MEDIUM,
        area = Area.DAEMON,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "2.2",
        remediation = "Set `\"icc\": false` in daemon.json (or `dockerd --icc=false`), or put containers on user-defined networks that only the peers join.")
public final class InterContainerCommunication implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman() && host.rootless()) {
            return Outcome.notApplicable("rootless Podman gives each container a network stack of its own (slirp4netns) unless it"
                    + " joins a network: there is no default bridge that containers share");
        }
        JsonNode bridge = Facts.require(host.daemon().defaultBridge(), "default bridge network");
        String icc = bridge.path("Options").path("com.docker.network.bridge.enable_icc").asText("true");
        if (icc.equals("false")) {
            return Outcome.pass("default bridge option com.docker.network.bridge.enable_icc=false");
        }
        return Outcome.fail(Severity.MEDIUM, List.of("default bridge option com.docker.network.bridge.enable_icc="
                + icc + " (from the running daemon): every container on docker0 reaches every other"));
    }
}
