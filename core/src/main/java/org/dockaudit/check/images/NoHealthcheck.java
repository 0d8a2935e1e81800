package org.dockaudit.check.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ImageCheck;
import org.dockaudit.check.ImageContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Secrets;

/**
 * The image's {@code HEALTHCHECK}: none (or NONE) fails low. The passing evidence is redacted, as
 * health checks often carry credentials. It also decides CIS 5.27 for the containers that set no
 * check of their own (IMG-008 is then not applicable, to say it once, here on the image).
 */
@CheckInfo(
        id = "IMG-003",
        title = "Image has no health check",
        severity = Severity.LOW,
        area = Area.IMAGES,
        threats = {Threat.DENIAL_OF_SERVICE},
        cis = {"4.6", "5.27"},
        remediation = "Add a `HEALTHCHECK CMD ...` to the Dockerfile, or start containers with `--health-cmd`.")
public final class NoHealthcheck implements ImageCheck {

    @Override
    public Outcome evaluate(ImageContext image) {
        JsonNode test = image.config().path("Healthcheck").path("Test");
        if (!test.isArray() || test.isEmpty() || test.get(0).asText().equals("NONE")) {
            return Outcome.fail(Severity.LOW, List.of("no HEALTHCHECK in the image: a hung service looks alive"));
        }
        List<String> command = new java.util.ArrayList<>();
        test.forEach(part -> command.add(part.asText()));
        // Health checks often carry credentials (curl -u, --password): never into a report.
        return Outcome.pass("HEALTHCHECK " + Secrets.redactText(String.join(" ", Secrets.redactArguments(command))));
    }
}
