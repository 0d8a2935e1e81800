package org.dockaudit.check.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
 * {@code HostConfig.Ulimits}: limits set at run time ({@code --ulimit}) replace the daemon's
 * defaults (DMN-004) for this container, up or down; each override is named, to be confirmed as
 * needed, as CIS 5.19 asks.
 */
@CheckInfo(
        id = "RES-009",
        title = "Run-time ulimits override the daemon's defaults",
        severity = Severity.INFO,
        area = Area.RESOURCE_CONSUMPTION,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "5.19",
        remediation = "Keep a `--ulimit` only where the workload needs it, and no higher than it needs; let the daemon's"
                + " `default-ulimits` cover the rest.")
public final class UlimitsOverridden implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        List<String> overrides = new ArrayList<>();
        for (JsonNode limit : container.inspect().path("HostConfig").path("Ulimits")) {
            overrides.add("--ulimit " + limit.path("Name").asText() + "=" + limit.path("Soft").asText() + ":" + limit.path("Hard").asText());
        }
        if (overrides.isEmpty()) {
            return Outcome.pass("no --ulimit: the daemon's defaults apply");
        }
        return Outcome.fail(Severity.INFO, List.of("overrides the daemon's defaults: " + String.join(", ", overrides)))
                .withFix(Fix.because("run-time limits replace the daemon's defaults")
                        .note("confirm each --ulimit is needed, at no more than the workload needs: " + String.join(", ", overrides))
                        .build());
    }
}
