package org.dockaudit.check.images;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ImageCheck;
import org.dockaudit.check.ImageContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

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
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (name.isEmpty() || name.equals("0") || name.equals("root")) {
            return Outcome.fail(Severity.MEDIUM, List.of((user.isEmpty() ? "no USER in the image" : "USER " + user)
                    + ": its containers run as root unless started with --user"
                    + (image.usedBy().isEmpty() ? "" : " (used by " + String.join(", ", image.usedBy()) + ")")));
        }
        return Outcome.pass("USER " + user);
    }
}
