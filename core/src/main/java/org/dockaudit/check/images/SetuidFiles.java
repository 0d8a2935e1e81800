package org.dockaudit.check.images;

import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Facts;
import org.dockaudit.check.ImageCheck;
import org.dockaudit.check.ImageContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/** The setuid and setgid files of the image's layers (read from the storage driver's directories, bounded): any fails medium, listing up to 20. */
@CheckInfo(
        id = "IMG-004",
        title = "Setuid or setgid files in the image",
        severity = Severity.MEDIUM,
        area = Area.IMAGES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "4.8",
        remediation = "Strip the bits in the Dockerfile (`RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`), "
                + "and start containers with `--security-opt no-new-privileges`.")
public final class SetuidFiles implements ImageCheck {

    @Override
    public Outcome evaluate(ImageContext image) {
        List<String> files = Facts.require(image.record().setuidFiles(), "file list of the image's layers");
        if (files.isEmpty()) {
            return Outcome.pass("no setuid or setgid file in the image's layers");
        }
        List<String> shown = files.size() > 20 ? files.subList(0, 20) : files;
        return Outcome.fail(Severity.MEDIUM, List.of(files.size() + " setuid/setgid file(s): " + String.join(", ", shown)
                + (files.size() > shown.size() ? ", ..." : "")));
    }
}
