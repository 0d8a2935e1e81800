package org.dockaudit.check.images;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ImageCheck;
import org.dockaudit.check.ImageContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * {@code ADD} where {@code COPY} would do, from the image's history: an {@code ADD} of a URL
 * downloads at build time what no one reviewed, unchecked unless a checksum is given, and fails
 * medium; an {@code ADD} of local files after the base layer (which is how base images are built,
 * {@code ADD file:... in /}) also unpacks archives silently, and fails info.
 */
@CheckInfo(
        id = "IMG-009",
        title = "ADD used where COPY would do",
        severity = Severity.MEDIUM,
        area = Area.IMAGES,
        threats = {Threat.UNAUTHORIZED_ACCESS, Threat.ESCAPE},
        cis = "4.9",
        remediation = "Use `COPY` for local files; download with `RUN curl` (or `ADD --checksum=sha256:...`) so the content is"
                + " checked, and unpack archives explicitly.")
public final class RemoteAdd implements ImageCheck {

    private static final Pattern URL = Pattern.compile("\\bADD\\b.*\\b(https?|ftp|git)://");

    @Override
    public Outcome evaluate(ImageContext image) {
        List<History.Step> steps = History.of(image);
        List<String> remote = new ArrayList<>();
        List<String> local = new ArrayList<>();
        for (History.Step step : steps) {
            if (!step.instruction().startsWith("ADD ")) {
                continue;
            }
            if (URL.matcher(step.instruction()).find()) {
                remote.add(step.label());
            } else if (step.number() > 1) {
                local.add(step.label());
            }
        }
        if (!remote.isEmpty()) {
            return Outcome.fail(Severity.MEDIUM, remote);
        }
        if (!local.isEmpty()) {
            return Outcome.fail(Severity.INFO, local);
        }
        return Outcome.pass("no ADD beyond the base layer in " + steps.size() + " layers");
    }
}
