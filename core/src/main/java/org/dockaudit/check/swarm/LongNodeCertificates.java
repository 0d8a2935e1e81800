package org.dockaudit.check.swarm;

import java.time.Duration;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * CIS 7.7: nodes' certificates are renewed automatically before they expire; their lifetime is how
 * long a stolen one, or a removed node's, stays good. Docker's default is 90 days; the benchmark's
 * example is 48 hours. Longer than the default fails.
 */
@CheckInfo(
        id = "SWM-006",
        title = "Swarm node certificates live longer than 90 days",
        severity = Severity.LOW,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "7.7",
        remediation = "`docker swarm update --cert-expiry 168h` (or shorter): nodes renew on their own.")
public final class LongNodeCertificates extends SwarmCheck {

    private static final Duration DEFAULT = Duration.ofDays(90);

    @Override
    public Outcome evaluate(HostContext host) {
        var expiry = manager(host).path("Cluster").path("Spec").path("CAConfig").path("NodeCertExpiry");
        if (!expiry.isNumber()) {
            return Outcome.unknown("docker info gives no NodeCertExpiry (Swarm.Cluster.Spec.CAConfig)");
        }
        Duration lifetime = Duration.ofNanos(expiry.asLong());
        String described = "node certificates live " + lifetime.toHours() + "h (" + lifetime.toDays() + " days)";
        return lifetime.compareTo(DEFAULT) > 0
                ? Outcome.fail(Severity.LOW, List.of(described + ", longer than Docker's default 90 days"))
                : Outcome.pass(described);
    }
}
