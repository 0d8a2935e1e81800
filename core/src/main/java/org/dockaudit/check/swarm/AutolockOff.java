package org.dockaudit.check.swarm;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * CIS 7.5: without autolock, the key that decrypts a manager's raft log (the swarm's secrets, its
 * CA key) sits on the manager's disk next to the log: a copy of {@code /var/lib/docker/swarm} is
 * the whole swarm. Read from the cluster spec docker info gives, not from {@code unlock-key}'s output.
 */
@CheckInfo(
        id = "SWM-005",
        title = "Swarm managers are not auto-locked",
        severity = Severity.MEDIUM,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "7.5",
        remediation = "`docker swarm update --autolock=true`, and keep the unlock key out of the managers (a restarted manager"
                + " then waits for `docker swarm unlock`).")
public final class AutolockOff extends SwarmCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        var encryption = manager(host).path("Cluster").path("Spec").path("EncryptionConfig");
        if (!encryption.has("AutoLockManagers")) {
            return Outcome.unknown("docker info gives no cluster spec (Swarm.Cluster.Spec.EncryptionConfig)");
        }
        return encryption.path("AutoLockManagers").asBoolean()
                ? Outcome.pass("AutoLockManagers: true")
                : Outcome.fail(Severity.MEDIUM, List.of("AutoLockManagers: false: the raft log's key is on each manager's disk"));
    }
}
