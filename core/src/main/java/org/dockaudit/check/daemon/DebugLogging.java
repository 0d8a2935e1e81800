package org.dockaudit.check.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.DaemonCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * The running daemon's debug mode ({@code Debug} of docker info) first, then {@code --log-level}
 * on the dockerd command line, else {@code log-level} in daemon.json: {@code debug} logs every API
 * request, with the environment and the commands of the containers created, and fills the disk;
 * {@code warn} and below drop what an investigation reads (containers started and stopped, API
 * errors). Docker's default level is {@code info}, which CIS 2.3 asks.
 */
@CheckInfo(
        id = "DMN-014",
        title = "The daemon's log level is not info",
        severity = Severity.LOW,
        area = Area.DAEMON,
        threats = {Threat.UNAUTHORIZED_ACCESS, Threat.DENIAL_OF_SERVICE},
        cis = "2.3",
        remediation = "Set `\"log-level\": \"info\"` in daemon.json (or drop `--log-level`), and drop `\"debug\": true` and"
                + " `-D`: debug logs hold the environment and commands of every container created, and warn or less loses"
                + " the events an investigation needs.")
public final class DebugLogging implements DaemonCheck {

    @Override
    public Outcome evaluate(HostContext host) {
        List<String> evidence = new ArrayList<>();
        if (host.infoIfKnown().map(info -> info.path("Debug").asBoolean(false)).orElse(false)) {
            evidence.add("docker info: Debug is true (the running daemon)");
        }
        if (host.podman()) {
            return evidence.isEmpty() ? Outcome.pass("docker info: Debug is false") : Outcome.fail(Severity.LOW, evidence);
        }
        Optional<HostContext.Setting> level = host.setting("--log-level", "log-level");
        if (level.isPresent() && level.get().value().equalsIgnoreCase("debug")) {
            evidence.add("log-level debug (" + level.get().source() + ")");
        } else if (level.isPresent() && !level.get().value().equalsIgnoreCase("info")) {
            evidence.add("log-level " + level.get().value() + " (" + level.get().source() + "): the daemon's info messages"
                    + " (containers started and stopped, API errors) are not logged");
        }
        if (!evidence.isEmpty()) {
            return Outcome.fail(Severity.LOW, evidence);
        }
        return Outcome.pass(level.map(value -> "log-level " + value.value() + " (" + value.source() + ")")
                .orElse("log-level not set: Docker's default, info"));
    }
}
