package org.dockaudit.check.images;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ImageCheck;
import org.dockaudit.check.ImageContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;

/** An old image carries the vulnerabilities fixed since it was built; age is measured at collection time. */
@CheckInfo(
        id = "IMG-005",
        title = "Image not rebuilt for a long time",
        severity = Severity.MEDIUM,
        area = Area.IMAGES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Rebuild the image on an updated base (`docker build --pull --no-cache`) and recreate its containers.")
public final class StaleImage implements ImageCheck {

    static final Duration OLD = Duration.ofDays(180);
    static final Duration VERY_OLD = Duration.ofDays(365);

    @Override
    public Outcome evaluate(ImageContext image) {
        String collected = image.snapshot().collectedAt();
        if (collected == null) {
            throw new UnknownFactException("the snapshot has no collection time to measure the age against");
        }
        Instant created;
        Instant now;
        try {
            created = Instant.parse(image.inspect().path("Created").asText());
            now = Instant.parse(collected);
        } catch (DateTimeParseException e) {
            throw new UnknownFactException("image creation time '" + image.inspect().path("Created").asText() + "' does not parse");
        }
        long days = Duration.between(created, now).toDays();
        if (days >= VERY_OLD.toDays()) {
            return Outcome.fail(Severity.MEDIUM, List.of("built " + days + " days before the collection (" + created + ")"));
        }
        if (days >= OLD.toDays()) {
            return Outcome.fail(Severity.LOW, List.of("built " + days + " days before the collection (" + created + ")"));
        }
        return Outcome.pass("built " + days + " days before the collection");
    }
}
