package org.dockaudit.check.privileges;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Checks;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Outcome;
import org.dockaudit.model.HealthCheck;

/**
 * CIS 5.23 and 5.24: how operators ran {@code docker exec} in the container, from the sessions the
 * daemon itself remembers (its {@code exec_create} events, each with {@code GET /exec/{id}/json}),
 * where docker-bench greps auditd's log for command lines. Only what the daemon still holds can be
 * judged: its last 256 events of every kind since it started; the pass says so. The runs of the
 * container's health check are execs too, of the check's command: they are no one's session.
 */
abstract sealed class ExecSessions implements ContainerCheck permits PrivilegedExec, RootExec {

    /** Why the session breaks the item, or null when it does not. */
    abstract String offence(JsonNode processConfig, ContainerContext container);

    @Override
    public final Outcome evaluate(ContainerContext container) {
        if (container.snapshot().declared()) {
            return Outcome.notApplicable("declared in a file: no one has run docker exec in it yet");
        }
        JsonNode sessions = Facts.require(container.snapshot().daemon().execs(), "exec sessions");
        String healthCheck = HealthCheck.execAction(container.inspect()).orElse(null);
        int mine = 0;
        int forgotten = 0;
        List<String> evidence = new ArrayList<>();
        for (JsonNode session : sessions) {
            JsonNode event = session.path("event");
            if (!event.path("Actor").path("ID").asText().equals(container.id())) {
                continue;
            }
            // The daemon runs each health check as an exec of the check's command: no one's session
            // (the collector leaves them out; a snapshot recorded before it did may hold them).
            if (event.path("Action").asText("").equals(healthCheck)) {
                continue;
            }
            mine++;
            JsonNode inspect = session.path("inspect");
            if (inspect.isMissingNode() || inspect.isNull()) {
                forgotten++;
                continue;
            }
            String offence = offence(inspect.path("ProcessConfig"), container);
            if (offence != null) {
                evidence.add("docker exec " + offence + " " + command(event) + " at " + Instant.ofEpochSecond(event.path("time").asLong())
                        + " (exec " + inspect.path("ID").asText().substring(0, Math.min(12, inspect.path("ID").asText().length())) + ")");
            }
        }
        if (!evidence.isEmpty()) {
            return Outcome.fail(Checks.info(this).severity(), evidence);
        }
        String seen = (mine == 0 ? "no exec session in the events the daemon holds (its last 256, since it started)"
                : mine + " exec session(s) in the events the daemon holds (its last 256, since it started), none so")
                + (healthCheck != null ? "; its health check's runs, which the daemon also records as execs, are not sessions" : "");
        if (forgotten > 0) {
            return Outcome.unknown(seen + ", but " + forgotten + " of them the daemon no longer describes");
        }
        return Outcome.pass(seen);
    }

    /** The command, as the event's action gives it ({@code exec_create: sh -c id}). */
    private static String command(JsonNode event) {
        String action = event.path("Action").asText("");
        return action.startsWith("exec_create: ") ? "'" + action.substring("exec_create: ".length()).strip() + "'" : "";
    }
}
