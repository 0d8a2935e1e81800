package org.dockaudit.check.daemon;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * Images that no container uses, as a count: {@code Images} of docker info less the distinct
 * images of the containers, running or not. Old images keep old vulnerabilities one
 * {@code docker run} away, and fill the disk.
 */
@CheckInfo(
        id = "DMN-020",
        title = "Images no container uses are kept",
        severity = Severity.INFO,
        area = Area.IMAGES,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.UNAUTHORIZED_ACCESS},
        cis = "6.1",
        remediation = "Remove the images no container uses (`docker image prune -a`, after checking none is needed for a"
                + " restart), and prune on a schedule.")
public final class ImageSprawl implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        if (!host.info().has("Images")) {
            return Outcome.unknown("docker info gives no image count");
        }
        int images = host.info().path("Images").asInt();
        Set<String> used = new HashSet<>();
        host.snapshot().containers().forEach(record -> used.add(record.inspect().path("Image").asText()));
        used.remove("");
        int unused = Math.max(0, images - used.size());
        if (unused == 0) {
            return Outcome.pass(images + " images, each used by a container");
        }
        return Outcome.fail(Severity.INFO, List.of(unused + " of " + images + " images used by no container"));
    }
}
