package org.dockaudit.check.control;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Listener;
import org.dockaudit.model.ProbeResult;

/** The API over plain TCP is remote root for anyone who reaches the port. */
@CheckInfo(
        id = "CTL-003",
        title = "Docker API reachable over TCP without TLS",
        severity = Severity.CRITICAL,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "2.7",
        remediation = "Remove `-H tcp://...` (or `hosts` in daemon.json), or serve it with mutual TLS only: "
                + "`--tlsverify --tlscacert ca.pem --tlscert server-cert.pem --tlskey server-key.pem`.")
public final class PlainTcpApi implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        DaemonEndpoints endpoints = DaemonEndpoints.of(host);
        List<String> evidence = new ArrayList<>();
        for (Listener listener : endpoints.tcpListeners()) {
            if (listener.probe().known() && listener.probe().value() == ProbeResult.PLAIN_HTTP_API) {
                evidence.add("dockerd listens on " + DaemonEndpoints.describe(listener)
                        + " and answered GET /version over plain HTTP to a client without credentials");
            }
        }
        if (!evidence.isEmpty()) {
            return Outcome.fail(Severity.CRITICAL, evidence);
        }
        if (!endpoints.configuredTcp().isEmpty() && !endpoints.tls()) {
            return Outcome.fail(Severity.HIGH, List.of(endpoints.configuredFrom() + " sets " + String.join(", ", endpoints.configuredTcp())
                    + " without --tls or --tlsverify (no listener was confirmed by the kernel and a probe)" + endpoints.caveat()));
        }
        if (!endpoints.observed()) {
            return Outcome.pass("configured hosts " + endpoints.configured() + " (" + endpoints.configuredFrom()
                    + "): no TCP without TLS; the listeners themselves were not observed");
        }
        if (endpoints.tcpListeners().isEmpty()) {
            return Outcome.pass("dockerd listens on no TCP port");
        }
        return Outcome.pass("every TCP listener of dockerd requires TLS");
    }
}
