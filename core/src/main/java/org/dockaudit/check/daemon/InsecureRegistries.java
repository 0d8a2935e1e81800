package org.dockaudit.check.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** docker info's registry configuration: insecure registry ranges beyond the loopback default, and indexes not marked secure, fail high. */
@CheckInfo(
        id = "DMN-005",
        title = "Insecure registries beyond loopback",
        severity = Severity.HIGH,
        area = Area.DAEMON,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "2.5",
        remediation = "Remove `insecure-registries` entries (and `--insecure-registry` flags); serve the registry over TLS with a trusted certificate.")
public final class InsecureRegistries implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        List<String> insecure = new ArrayList<>();
        for (JsonNode cidr : host.info().path("RegistryConfig").path("InsecureRegistryCIDRs")) {
            if (!cidr.asText().equals("127.0.0.0/8") && !cidr.asText().equals("::1/128")) {
                insecure.add(cidr.asText());
            }
        }
        host.info().path("RegistryConfig").path("IndexConfigs").properties().forEach(index -> {
            if (!index.getValue().path("Secure").asBoolean(true)) {
                insecure.add(index.getKey());
            }
        });
        if (insecure.isEmpty()) {
            return Outcome.pass("docker info: only the loopback default among insecure registries");
        }
        return Outcome.fail(Severity.HIGH, List.of("docker info: images pulled from " + String.join(", ", insecure)
                + " without TLS verification can be replaced in transit"));
    }
}
