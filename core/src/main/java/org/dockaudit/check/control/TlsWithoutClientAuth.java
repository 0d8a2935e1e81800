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
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.model.Listener;
import org.dockaudit.model.ProbeResult;

/** TLS that does not verify the client encrypts the traffic of anyone, attackers included. */
@CheckInfo(
        id = "CTL-004",
        title = "Docker API over TLS without mutual authentication",
        severity = Severity.CRITICAL,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "2.7",
        remediation = "Use `--tlsverify` (not only `--tls`) with `--tlscacert` naming the CA that signs the "
                + "administrators' client certificates.")
public final class TlsWithoutClientAuth implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        DaemonEndpoints endpoints = DaemonEndpoints.of(host);
        List<String> evidence = new ArrayList<>();
        List<String> verified = new ArrayList<>();
        for (Listener listener : endpoints.tcpListeners()) {
            if (!listener.probe().known()) {
                throw new UnknownFactException("TCP listener " + DaemonEndpoints.describe(listener) + ": " + listener.probe().unknown());
            }
            switch (listener.probe().value()) {
                case TLS_WITHOUT_CLIENT_AUTH -> evidence.add("dockerd on " + DaemonEndpoints.describe(listener)
                        + " completed TLS with a client that sent no certificate and answered GET /version");
                case TLS_CLIENT_CERT_REQUIRED -> verified.add(DaemonEndpoints.describe(listener));
                case PLAIN_HTTP_API, NOT_DOCKER_API -> { }
            }
        }
        if (!evidence.isEmpty()) {
            return Outcome.fail(Severity.CRITICAL, evidence);
        }
        boolean verifyOff = endpoints.tls() && !endpoints.tlsVerify() && !endpoints.configuredTcp().isEmpty();
        if (verified.isEmpty()) {
            if (verifyOff) {
                return Outcome.fail(Severity.HIGH, List.of(endpoints.configuredFrom()
                        + " enables --tls without --tlsverify (no TCP listener seen to confirm it on the wire)" + endpoints.caveat()));
            }
            return Outcome.notApplicable("dockerd serves no TLS listener");
        }
        // The wire is the effective state: dockerd verifies clients whenever it loads a CA.
        return Outcome.pass("a client without certificate was refused on " + String.join(", ", verified)
                + (verifyOff ? " (although " + endpoints.configuredFrom() + " has --tls without --tlsverify)" : ""));
    }
}
