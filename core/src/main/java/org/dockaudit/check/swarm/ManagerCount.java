package org.dockaudit.check.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * CIS 7.1: no more managers than the swarm needs. Every manager holds the raft log, with the
 * swarm's secrets and its CA key, so each is a target; Raft needs a majority, so an even count
 * tolerates no more failures than one fewer, and more than 7 only slows consensus. docker-bench
 * passes any swarm that has a leader, which every working swarm has.
 */
@CheckInfo(
        id = "SWM-001",
        title = "More swarm managers than the swarm needs",
        severity = Severity.LOW,
        area = Area.CONTROL_INTERFACES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "7.1",
        remediation = "Keep an odd number of managers, 3 or 5 (1 for a lab), and demote the others: `docker node demote NODE`.")
public final class ManagerCount extends SwarmCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        JsonNode swarm = manager(host);
        int managers = swarm.path("Managers").asInt();
        int nodes = swarm.path("Nodes").asInt();
        String count = managers + " manager(s) of " + nodes + " node(s), tolerating " + (managers - 1) / 2 + " manager failure(s)";
        if (managers % 2 == 0) {
            return Outcome.fail(Severity.LOW, List.of(count + ": an even count tolerates no more than " + (managers - 1)
                    + " would, and is one more node that holds the swarm's keys"));
        }
        if (managers > 7) {
            return Outcome.fail(Severity.LOW, List.of(count + ": more than 7 slows every decision and spreads the swarm's keys"));
        }
        return Outcome.pass(count);
    }
}
