package org.dockaudit.check.images;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Secrets;

/**
 * Secrets given at run time ({@code docker run -e}, Compose {@code environment:}): anyone who can
 * query the daemon reads them with {@code docker inspect}, and so does whatever reads the
 * process's environment. Those baked into the image are IMG-002's, a swarm service's SWM-004's.
 * Names only, never values.
 */
@CheckInfo(
        id = "IMG-006",
        title = "Secret-looking variable passed in the container's environment",
        severity = Severity.MEDIUM,
        area = Area.IMAGES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        remediation = "Pass the secret as a file instead: mount it read-only (Docker secrets with `docker service create "
                + "--secret`, Compose `secrets:`, or `-v /path/to/secret:/run/secrets/name:ro`) and point the program at it "
                + "(the `_FILE` convention, e.g. `POSTGRES_PASSWORD_FILE=/run/secrets/db`); then rotate the secret.")
public final class SecretsInContainerEnvironment implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (container.swarmService().isPresent()) {
            return Outcome.notApplicable("a swarm service: SWM-004 judges its environment, with the swarm's remedy (docker secret)");
        }
        Optional<Set<String>> fromImage = imageEnvironment(container);
        List<String> names = new ArrayList<>();
        for (String entry : container.strings("Config", "Env")) {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? entry : entry.substring(0, equals);
            boolean hasValue = equals >= 0 && equals < entry.length() - 1;
            boolean baked = fromImage.map(image -> image.contains(entry)).orElse(false);
            if (hasValue && !baked && Secrets.isSecretName(name)) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return Outcome.pass("no secret-looking variable set at run time");
        }
        return Outcome.fail(Severity.MEDIUM, List.of("the container's environment sets " + String.join(", ", names)
                + " (values not shown): readable by anyone who can run `docker inspect`, and in /proc/<pid>/environ"
                + (fromImage.isEmpty() ? "; the image is not in the snapshot, so some may come from its ENV (IMG-002)" : "")));
    }

    /** The image's own ENV entries, as name=value, when the image is in the snapshot. */
    private static Optional<Set<String>> imageEnvironment(ContainerContext container) {
        return container.image().map(image -> {
            Set<String> entries = new HashSet<>();
            image.inspect().path("Config").path("Env").forEach(entry -> entries.add(entry.asText()));
            return entries;
        });
    }
}
