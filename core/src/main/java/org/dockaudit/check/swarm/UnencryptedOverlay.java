package org.dockaudit.check.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * CIS 7.3: overlay networks carry containers' traffic between nodes in VXLAN, in clear unless the
 * network is created {@code --opt encrypted} (IPsec). The swarm's own {@code ingress} network is
 * one of them: it carries every published port's traffic.
 */
@CheckInfo(
        id = "SWM-003",
        title = "Overlay network traffic between nodes is not encrypted",
        severity = Severity.MEDIUM,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "7.3",
        remediation = "Create overlay networks with `--opt encrypted` (`docker network create -d overlay --opt encrypted NAME`);"
                + " for ingress, recreate it with `docker network create --ingress -d overlay --opt encrypted ingress`.")
public final class UnencryptedOverlay extends SwarmCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        JsonNode networks = cluster(host).path("networks");
        List<String> clear = new ArrayList<>();
        List<String> encrypted = new ArrayList<>();
        for (JsonNode network : networks) {
            String name = network.path("Name").asText() + (network.path("Ingress").asBoolean(false) ? " (ingress: every published port)" : "");
            (network.path("Options").has("encrypted") ? encrypted : clear).add(name);
        }
        if (networks.isEmpty()) {
            return Outcome.notApplicable("no overlay network");
        }
        if (!clear.isEmpty()) {
            return Outcome.fail(Severity.MEDIUM, List.of("not encrypted: " + String.join(", ", clear)));
        }
        return Outcome.pass("encrypted: " + String.join(", ", encrypted));
    }
}
