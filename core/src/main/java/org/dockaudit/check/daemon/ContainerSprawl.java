package org.dockaudit.check.daemon;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.ContainerRecord;

/**
 * Containers stopped for more than {@link #DAYS} days at collection time ({@code State.FinishedAt}
 * against the snapshot's collection time): each keeps its writable layer, its logs and its
 * configuration, secrets in the environment included, and can be started again as it was.
 */
@CheckInfo(
        id = "DMN-021",
        title = "Containers stopped for more than 30 days are kept",
        severity = Severity.INFO,
        area = Area.DAEMON,
        threats = {Threat.DENIAL_OF_SERVICE, Threat.UNAUTHORIZED_ACCESS},
        cis = "6.2",
        remediation = "Remove the containers that will not run again (`docker container prune --filter until=720h`), and run"
                + " one-off containers with `--rm`.")
public final class ContainerSprawl implements DaemonCheck {

    static final int DAYS = 30;

    @Override
    public Outcome evaluate(HostContext host) {
        String collected = host.snapshot().collectedAt();
        if (collected == null || collected.isEmpty()) {
            return Outcome.unknown("the snapshot has no collection time to measure the containers' stop against");
        }
        Instant now = Instant.parse(collected);
        List<String> old = new ArrayList<>();
        int stopped = 0;
        for (ContainerRecord record : host.snapshot().containers()) {
            ContainerContext container = new ContainerContext(record, host.snapshot());
            if (container.running()) {
                continue;
            }
            stopped++;
            try {
                Instant finished = Instant.parse(record.inspect().path("State").path("FinishedAt").asText(""));
                // Never started: FinishedAt is the zero time; its age is its creation's.
                Instant since = finished.getEpochSecond() <= 0 ? Instant.parse(record.inspect().path("Created").asText("")) : finished;
                if (Duration.between(since, now).toDays() > DAYS) {
                    old.add(container.name());
                }
            } catch (DateTimeParseException e) {
                // No time to tell its age by: not counted as old.
            }
        }
        if (old.isEmpty()) {
            return Outcome.pass(stopped + " stopped containers, none stopped for more than " + DAYS + " days");
        }
        return Outcome.fail(Severity.INFO, List.of(old.size() + " of " + stopped + " stopped containers stopped for more than " + DAYS
                + " days: " + String.join(", ", old.stream().sorted().limit(10).toList()) + (old.size() > 10 ? ", ..." : "")));
    }
}
