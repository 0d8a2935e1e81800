package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.dockaudit.collect.EngineApi;
import org.dockaudit.collect.ZerodepEngineApi;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CIS 5.23 and 5.24 on the real daemon: exec sessions created through the Engine API, as
 * {@code docker exec --privileged} and {@code docker exec --user root} create them, are found in
 * the daemon's own memory (its events and exec inspects) and named on their container only.
 */
class ExecSessionsIT {

    private static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    private static final String PREFIX = "exec-" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";

    @AfterAll
    static void removeContainers() throws Exception {
        Commands.removeLabelled(LABEL);
    }

    @Test
    void privilegedAndRootExecsAreFoundOnTheirContainer(@TempDir Path dir) throws Exception {
        String operated = PREFIX + "operated";
        String quiet = PREFIX + "quiet";
        String healthy = PREFIX + "healthy";
        for (String name : List.of(operated, quiet)) {
            Commands.run(List.of("docker", "run", "-d", "--label", LABEL, "--name", name, "--user", "1000", LabIT.IMAGE,
                    "sleep", "3600"), 60);
        }
        // Its health check runs every second: each run is an exec the daemon records, and forgets.
        Commands.run(List.of("docker", "run", "-d", "--label", LABEL, "--name", healthy, "--health-cmd", "true",
                "--health-interval", "1s", LabIT.IMAGE, "sleep", "3600"), 60);
        Thread.sleep(3000);
        try (ZerodepEngineApi engine = ZerodepEngineApi.open(EngineApi.DEFAULT_HOST, 1)) {
            // Created, not started: the daemon records the session (and its event) at creation.
            engine.post("/containers/" + operated + "/exec", Json.MAPPER.readTree(
                    "{\"Cmd\":[\"sh\",\"-c\",\"id\"],\"Privileged\":true,\"User\":\"root\"}"));
            engine.post("/containers/" + quiet + "/exec", Json.MAPPER.readTree("{\"Cmd\":[\"id\"]}"));
        }

        Path file = dir.resolve("report.json");
        Cli cli = Cli.run("audit", "--format", "json", "-o", file.toString());
        assertThat(cli.exitCode()).as(cli.err()).isIn(0, 1);
        JsonNode report = Json.MAPPER.readTree(file.toFile());

        assertThat(evidence(report, "PRIV-007", operated)).contains("docker exec --privileged 'sh -c id'");
        assertThat(evidence(report, "PRIV-008", operated)).contains("docker exec --user root 'sh -c id'");
        assertThat(outcome(report, "PRIV-007", quiet)).isEqualTo("pass");
        assertThat(outcome(report, "PRIV-008", quiet)).isEqualTo("pass");
        // Health check runs are no one's session: not counted (a count that grew each second changed
        // the report from one audit to the next), and not unknown once the daemon forgets them.
        for (String id : List.of("PRIV-007", "PRIV-008")) {
            assertThat(outcome(report, id, healthy)).as(id).isEqualTo("pass");
            assertThat(detail(report, id, healthy)).as(id).startsWith("no exec session").contains("health check's runs");
        }
    }

    private static String evidence(JsonNode report, String id, String container) {
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("id").asText().equals(id) && finding.path("target").path("name").asText().equals(container)) {
                return finding.path("evidence").toString();
            }
        }
        throw new AssertionError("no " + id + " finding on " + container);
    }

    private static String outcome(JsonNode report, String id, String container) {
        return check(report, id, container).path("outcome").asText();
    }

    private static String detail(JsonNode report, String id, String container) {
        return check(report, id, container).path("detail").asText();
    }

    private static JsonNode check(JsonNode report, String id, String container) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals(id) && check.path("target").path("name").asText().equals(container)) {
                return check;
            }
        }
        throw new AssertionError("no outcome of " + id + " on " + container);
    }
}
