package org.dockaudit.check.control;

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

/** docker info's authorization plugins: none means every client of the socket or a TCP listener may do everything. */
@CheckInfo(
        id = "CTL-005",
        title = "No authorization plugin: every API client may do everything",
        severity = Severity.LOW,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "2.12",
        remediation = "Install an authorization plugin (e.g. Open Policy Agent's opa-docker-authz) and enable it "
                + "with `--authorization-plugin NAME` to refuse, say, `--privileged` to non-administrators.")
public final class NoAuthorizationPlugin implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (host.podman()) {
            return Outcome.notApplicable("Podman has no authorization plugins: who may use its API socket is what CTL-001 to"
                    + " CTL-004 judge");
        }
        JsonNode plugins = host.info().path("Plugins").path("Authorization");
        List<String> names = new ArrayList<>();
        plugins.forEach(plugin -> names.add(plugin.asText()));
        if (names.isEmpty()) {
            return Outcome.fail(Severity.LOW, List.of("docker info lists no authorization plugin: any client of the "
                    + "socket or of a TCP listener may create a privileged container or mount the host's root"));
        }
        return Outcome.pass("authorization plugins: " + String.join(", ", names));
    }
}
