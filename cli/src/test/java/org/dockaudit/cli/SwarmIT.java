package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CIS 7.x on a real one-node swarm. The swarm is created on loopback only if the engine is in none,
 * and left afterwards only then (with the gateway bridge it creates, if it was not there); the
 * service and the network this test makes carry its label and are removed by it.
 */
class SwarmIT {

    private static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    private static final String PREFIX = "swarm-" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";
    private static final Path PROJECT = Path.of(System.getProperty("dockaudit.project", ".."));
    private static boolean createdSwarm;
    private static boolean createdGatewayBridge;

    @BeforeAll
    static void swarm() throws Exception {
        String state = docker("info", "--format", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}").strip();
        assumeTrue(state.startsWith("inactive") || state.equals("active true"), "this engine is a swarm worker: " + state);
        if (state.startsWith("inactive")) {
            boolean bridgeBefore = !docker("network", "ls", "-q", "--filter", "name=^docker_gwbridge$").isBlank();
            docker("swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377");
            createdSwarm = true;
            createdGatewayBridge = !bridgeBefore;
        }
        docker("network", "create", "-d", "overlay", "--label", LABEL, PREFIX + "backend");
        docker("service", "create", "--detach", "--label", LABEL, "--name", PREFIX + "api", "--network", PREFIX + "backend",
                "-e", "DB_PASSWORD=s3cret-in-env", "-e", "LOG_LEVEL=info", "--cap-add", "NET_ADMIN",
                "--mount", "type=bind,source=/etc,target=/host-etc,readonly", LabIT.IMAGE, "sleep", "3600");
    }

    @AfterAll
    static void leave() throws Exception {
        for (String service : docker("service", "ls", "-q", "--filter", "label=" + LABEL).split("\\s+")) {
            if (!service.isBlank()) {
                docker("service", "rm", service);
            }
        }
        // A service's tasks hold its network until they are gone.
        for (int i = 0; i < 60 && !docker("ps", "-aq", "--filter", "label=com.docker.swarm.service.name=" + PREFIX + "api").isBlank(); i++) {
            Thread.sleep(500);
        }
        for (String network : docker("network", "ls", "-q", "--filter", "label=" + LABEL).split("\\s+")) {
            if (!network.isBlank()) {
                docker("network", "rm", network);
            }
        }
        if (createdSwarm) {
            docker("swarm", "leave", "--force");
            if (createdGatewayBridge) {
                docker("network", "rm", "docker_gwbridge");
            }
        }
    }

    @Test
    void theSwarmIsJudgedFromTheManagersOwnAnswers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.json");
        Cli cli = Cli.run("audit", "--format", "json", "-o", file.toString());
        assertThat(cli.exitCode()).as(cli.err()).isIn(0, 1);
        JsonNode report = Json.MAPPER.readTree(file.toFile());

        assertThat(evidence(report, "SWM-003")).contains(PREFIX + "backend").contains("ingress (ingress: every published port)");
        if (createdSwarm) {
            assertThat(evidence(report, "SWM-005")).contains("AutoLockManagers: false");
            assertThat(outcome(report, "SWM-001")).isEqualTo("pass");
            assertThat(outcome(report, "SWM-002")).isEqualTo("pass");
            assertThat(outcome(report, "SWM-006")).isEqualTo("pass");
        }

        // Each service is judged as the container its tasks are created as, wherever they run.
        String service = "service/" + PREFIX + "api";
        assertThat(findingOn(report, "PRIV-002", service)).contains("NET_ADMIN");
        assertThat(findingOn(report, "ISO-009", service)).contains("bind /etc -> /host-etc");
        assertThat(findingOn(report, "RES-007", service)).contains("always");
        // Its secret in the environment is one finding, on the service, with the swarm's remedy.
        assertThat(findingOn(report, "SWM-004", service)).contains("DB_PASSWORD in the service's environment").doesNotContain("LOG_LEVEL");
        assertThat(report.path("findings").findValuesAsText("id").stream().filter("SWM-004"::equals)).hasSize(1);
        assertThatThrownBy(() -> findingOn(report, "IMG-006", service)).hasMessageContaining("no IMG-006");
        // A service is hardened by updating it, with the service's own flags.
        JsonNode advice = null;
        for (JsonNode block : report.path("hardening")) {
            advice = block.path("target").path("name").asText().equals(service) ? block : advice;
        }
        assertThat(advice).as("hardening of " + service).isNotNull();
        List<String> update = new java.util.ArrayList<>();
        advice.path("service").path("update").forEach(flag -> update.addAll(List.of(flag.asText().split(" ", 2))));
        assertThat(String.join(" ", update)).contains("--cap-drop CAP_NET_ADMIN").contains("--mount-rm /host-etc")
                .contains("--restart-condition on-failure").contains("--limit-memory").doesNotContain("--memory ");
        // Applied as printed, the update leaves nothing to update: the service's own findings are fixed.
        List<String> line = new java.util.ArrayList<>(List.of("service", "update", "--detach"));
        line.addAll(update);
        line.add(PREFIX + "api");
        docker(line.toArray(String[]::new));
        Path after = dir.resolve("after.json");
        assertThat(Cli.run("audit", "--format", "json", "-o", after.toString()).exitCode()).isIn(0, 1);
        JsonNode updated = Json.MAPPER.readTree(after.toFile());
        for (JsonNode block : updated.path("hardening")) {
            if (block.path("target").path("name").asText().equals(service)) {
                assertThat(block.path("service").path("update")).as("left to update").isEmpty();
            }
        }
        for (String id : List.of("PRIV-002", "ISO-009", "RES-007", "RES-001", "RES-004", "KRN-003", "PRIV-005")) {
            assertThatThrownBy(() -> findingOn(updated, id, service)).as(id).hasMessageContaining("no " + id);
        }

        // The service's environment values are not kept in a snapshot, even before redaction.
        Path snapshot = dir.resolve("snapshot.json");
        assertThat(Cli.run("collect", "-o", snapshot.toString()).exitCode()).isZero();
        String written = Files.readString(snapshot);
        assertThat(written).contains("DB_PASSWORD=").doesNotContain("s3cret-in-env");
    }

    /**
     * The fleet job on this one-node swarm gives the node's report as a local audit does, and
     * leaves nothing; so does the manager's own node collected directly, which, on a swarm of one
     * node, needs no job at all.
     */
    @Test
    void fleetAuditOfTheSwarmGivesEachNodesReport(@TempDir Path dir) throws Exception {
        String image = "dockaudit-test:" + PREFIX + "fleet";
        Commands.run(List.of(PROJECT.resolve("scripts/image.sh").toString(), image), 600);
        try {
            for (boolean byJob : List.of(true, false)) {
                Path fleetFile = dir.resolve("fleet-" + byJob + ".json");
                List<String> line = new java.util.ArrayList<>(List.of("fleet", "audit", "--image", image, "--timeout", "90s",
                        "--format", "json", "-o", fleetFile.toString()));
                if (byJob) {
                    line.add("--all-by-job");
                }
                Cli fleet = Cli.run(line.toArray(String[]::new));
                assertThat(fleet.exitCode()).as(fleet.err()).isZero();
                Path localFile = dir.resolve("local.json");
                assertThat(Cli.run("audit", "--format", "json", "-o", localFile.toString()).exitCode()).isIn(0, 1);

                JsonNode nodes = Json.MAPPER.readTree(fleetFile.toFile()).path("nodes");
                assertThat(nodes).hasSize(1);
                assertThat(nodes.get(0).path("source").asText()).isEqualTo(byJob ? "fleet job" : "this manager, directly");
                assertThat(comparable(nodes.get(0).path("report"))).as(byJob ? "by the job" : "directly")
                        .isEqualTo(comparable(Json.MAPPER.readTree(localFile.toFile())));
                assertThat(docker("ps", "-aq", "--filter", "label=org.dockaudit.fleet").strip()).isEmpty();
                assertThat(docker("service", "ls", "-q", "--filter", "label=org.dockaudit.fleet").strip()).isEmpty();
            }
        } finally {
            docker("rmi", image);
        }
    }

    private static String comparable(JsonNode report) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = report.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("source")).remove("collectedAt");
        copy.remove("notes");
        return copy.toPrettyString();
    }

    private static String evidence(JsonNode report, String id) {
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("id").asText().equals(id)) {
                return finding.path("evidence").toString();
            }
        }
        throw new AssertionError("no " + id + " finding; outcomes: " + outcomes(report, id));
    }

    private static String findingOn(JsonNode report, String id, String target) {
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("id").asText().equals(id) && finding.path("target").path("name").asText().equals(target)) {
                return finding.path("evidence").toString();
            }
        }
        throw new AssertionError("no " + id + " on " + target);
    }

    private static String outcome(JsonNode report, String id) {
        return outcomes(report, id).getFirst();
    }

    private static List<String> outcomes(JsonNode report, String id) {
        List<String> outcomes = new java.util.ArrayList<>();
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals(id)) {
                outcomes.add(check.path("outcome").asText() + (check.path("outcome").asText().equals("pass") ? "" : ": " + check.path("detail")));
            }
        }
        return outcomes;
    }

    private static String docker(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        return Commands.run(command, 120);
    }
}
