package org.dockaudit.check.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * A container that crashes and is restarted without end keeps the host busy, and hides the crash
 * loop from whoever would otherwise notice it stopped.
 */
@CheckInfo(
        id = "RES-007",
        title = "Restart policy restarts the container without bound",
        severity = Severity.LOW,
        area = Area.RESOURCE_CONSUMPTION,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "5.15",
        remediation = "Use `--restart on-failure:5` (Compose `restart: on-failure:5`) so that a crash loop stops and is seen.")
public final class UnboundedRestarts implements ContainerCheck {

    static final int MAX_RETRIES = 5;

    @Override
    public Outcome evaluate(ContainerContext container) {
        JsonNode policy = container.inspect().path("HostConfig").path("RestartPolicy");
        String name = policy.path("Name").asText("");
        int retries = policy.path("MaximumRetryCount").asInt(0);
        Fix fix = Fix.because("restarts are unbounded")
                .remove("--restart " + name + (retries > 0 ? ":" + retries : ""), "restart")
                .add("--restart on-failure:" + MAX_RETRIES, "restart", "on-failure:" + MAX_RETRIES).build();
        return switch (name) {
            case "", "no" -> Outcome.pass("no restart policy");
            case "on-failure" -> retries > 0 && retries <= MAX_RETRIES
                    ? Outcome.pass("--restart on-failure:" + retries)
                    : Outcome.fail(Severity.LOW, List.of("--restart on-failure" + (retries == 0 ? " with no retry limit" : ":" + retries)
                            + ": more than " + MAX_RETRIES + " restarts of a crashing container")).withFix(fix);
            case "always", "unless-stopped" -> Outcome.fail(Severity.LOW, List.of("--restart " + name
                    + ": a crashing container is restarted without end")).withFix(fix);
            default -> Outcome.unknown("restart policy '" + name + "' is not one Docker documents");
        };
    }
}
