package org.dockaudit.check.images;

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
 * The container's own health check ({@code Config.Healthcheck}: the image's, or {@code --health-cmd}
 * given at run time). {@code --no-healthcheck} turns the image's off: that fails. With none at all,
 * the image having none either, the image's check (IMG-003) says it once for all its containers;
 * when the image is not in the input, this one says it. The command is never shown: health checks
 * often carry credentials.
 */
@CheckInfo(
        id = "IMG-008",
        title = "Container runs without a health check",
        severity = Severity.LOW,
        area = Area.IMAGES,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = "5.27",
        remediation = "Start the container with `--health-cmd` (and `--health-interval`), or drop `--no-healthcheck` so that"
                + " the image's own applies.")
public final class ContainerHealthcheck implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        // Docker leaves Healthcheck out when there is none: absent is an answer, a missing Config is not.
        JsonNode test = container.node("Config").path("Healthcheck").path("Test");
        if (test.isArray() && !test.isEmpty() && !test.get(0).asText().equals("NONE")) {
            return Outcome.pass("a health check is set (" + test.get(0).asText() + "; its command is not shown)");
        }
        if (test.isArray() && !test.isEmpty()) {
            return Outcome.fail(Severity.LOW, List.of("--no-healthcheck (Config.Healthcheck.Test is NONE): a hung service looks alive"))
                    .withFix(Fix.because("the health check is turned off").remove("--no-healthcheck", "healthcheck: {disable: true}")
                            .build());
        }
        if (container.image().isPresent()) {
            return Outcome.notApplicable("neither the image nor the run sets a health check: reported once, on the image (IMG-003)");
        }
        return Outcome.fail(Severity.LOW, List.of("no health check (Config.Healthcheck unset), and the image is not in the input"))
                .withFix(Fix.because("the container has no health check").note("start it with --health-cmd, or give its image a"
                        + " HEALTHCHECK", "give the container a livenessProbe (and a readinessProbe if it serves traffic)").build());
    }
}
