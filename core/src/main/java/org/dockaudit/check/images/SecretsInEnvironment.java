package org.dockaudit.check.images;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ImageCheck;
import org.dockaudit.check.ImageContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Secrets;

/** Anyone who can pull the image reads its ENV values; the evidence names variables, never values. */
@CheckInfo(
        id = "IMG-002",
        title = "Secret-looking environment variable baked into the image",
        severity = Severity.HIGH,
        area = Area.IMAGES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "4.10",
        remediation = "Remove the `ENV` lines from the Dockerfile, rotate the secrets, and pass them at run time "
                + "(`docker run --env-file`, or better a secrets mount: `--mount type=secret` / Docker secrets).")
public final class SecretsInEnvironment implements ImageCheck {

    @Override
    public Outcome evaluate(ImageContext image) {
        List<String> names = new ArrayList<>();
        image.config().path("Env").forEach(entry -> {
            String text = entry.asText();
            String name = text.contains("=") ? text.substring(0, text.indexOf('=')) : text;
            String value = text.contains("=") ? text.substring(text.indexOf('=') + 1) : "";
            if (Secrets.isSecretName(name) && !value.isEmpty()) {
                names.add(name);
            }
        });
        if (names.isEmpty()) {
            return Outcome.pass("no secret-looking variable name among the image's ENV");
        }
        return Outcome.fail(Severity.HIGH, List.of("ENV sets " + String.join(", ", names)
                + " in the image configuration, readable by anyone who can pull it (values not shown)"));
    }
}
