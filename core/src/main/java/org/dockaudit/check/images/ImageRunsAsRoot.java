package org.dockaudit.check.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.ImageCheck;
import org.dockaudit.check.ImageContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.Users;

/**
 * The image's {@code USER}, resolved against its own {@code /etc/passwd} (read from its layers): a
 * user that is root makes its containers root unless started with {@code --user}; the evidence
 * names which containers run as root and which were started with another user.
 */
@CheckInfo(
        id = "IMG-001",
        title = "Image configured to run as root",
        severity = Severity.MEDIUM,
        area = Area.IMAGES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "4.1",
        remediation = "Add a `USER 1000:1000` line (an unprivileged user created in the image) to the Dockerfile; "
                + "meanwhile start its containers with `--user 1000:1000`.")
public final class ImageRunsAsRoot implements ImageCheck {

    @Override
    public Outcome evaluate(ImageContext image) {
        String user = image.config().path("User").asText("");
        Optional<String> passwd = Facts.ifKnown(image.record().passwdFile());
        if (Users.isRoot(user, passwd)) {
            // A container's Config.User is the image's USER unless --user replaced it.
            List<String> asRoot = new ArrayList<>();
            List<String> overridden = new ArrayList<>();
            for (ContainerContext container : image.containers()) {
                (Users.isRoot(container.inspect().path("Config").path("User").asText(""), passwd) ? asRoot : overridden)
                        .add(container.name());
            }
            return Outcome.fail(Severity.MEDIUM, List.of((user.isEmpty() ? "no USER in the image" : "USER " + user)
                    + ": its containers run as root unless started with --user"
                    + (asRoot.isEmpty() ? "" : "; running as root: " + String.join(", ", asRoot))
                    + (overridden.isEmpty() ? "" : "; started with another --user: " + String.join(", ", overridden))));
        }
        return Outcome.pass("USER " + user);
    }
}
