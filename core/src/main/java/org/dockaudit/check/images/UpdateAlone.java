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
 * A package index update run alone ({@code RUN apt-get update}, {@code apk update}, {@code yum
 * makecache}, ... with no install in the same instruction), from the image's history: the build
 * cache keeps that layer, so a later {@code install} takes packages from an index as old as the
 * cache, and security updates are silently missed.
 */
@CheckInfo(
        id = "IMG-010",
        title = "Package index updated in an instruction of its own",
        severity = Severity.LOW,
        area = Area.IMAGES,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "4.7",
        remediation = "Update and install in one instruction (`RUN apt-get update && apt-get install -y PKG`), or build"
                + " with `--no-cache` so that no cached index is reused.")
public final class UpdateAlone implements ImageCheck {

    private static final Pattern UPDATE = Pattern.compile("\\b(apt-get|apt|apk|yum|dnf|zypper|microdnf)\\s+(-\\S+\\s+)*(update|makecache|refresh)\\b");
    private static final Pattern INSTALL = Pattern.compile("\\b(install|add|upgrade|dist-upgrade)\\b");

    @Override
    public Outcome evaluate(ImageContext image) {
        List<History.Step> steps = History.of(image);
        List<String> alone = new ArrayList<>();
        for (History.Step step : steps) {
            String instruction = step.instruction();
            if (instruction.startsWith("RUN ") && UPDATE.matcher(instruction).find() && !INSTALL.matcher(instruction).find()) {
                alone.add(step.label());
            }
        }
        if (alone.isEmpty()) {
            return Outcome.pass("no package index update alone in " + steps.size() + " layers");
        }
        return Outcome.fail(Severity.LOW, alone);
    }
}
