package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same host gives the same report. Each run is a JVM of its own, as users run dockaudit:
 * hash orders (Map.of, Set.of) are salted per JVM, so an order that leaks into a report shows up
 * here and not in-process.
 */
class SameReportTwiceIT {

    static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    private static final String PREFIX = "twice-" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";
    private static final Path PROJECT = Path.of(System.getProperty("dockaudit.project", ".."));
    private static final int RUNS = 5;

    @AfterAll
    static void removeContainers() throws Exception {
        Commands.removeLabelled(LABEL);
    }

    @Test
    void theRecordedLabGivesByteIdenticalReportsInEveryFormat(@TempDir Path dir) throws Exception {
        String snapshot = PROJECT.resolve("examples/lab-snapshot.json").toString();
        for (String format : List.of("text", "json", "sarif", "html")) {
            List<String> reports = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                reports.add(dockaudit(dir, "analyze", snapshot, "--format", format));
            }
            assertThat(reports).as(format).containsOnly(reports.getFirst());
        }
    }

    @Test
    void anUnchangedLiveHostGivesTheSameReportFiveTimes(@TempDir Path dir) throws Exception {
        String image = LabIT.IMAGE;
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "socket", "-v", "/var/run/docker.sock:/var/run/docker.sock", image);
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "hostns", "--pid=host", "--net=host", "--ipc=host", image);
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "device", "--device", "/dev/fuse:/dev/fuse", image);
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "ports", "-p", "8099:80", "-p", "127.0.0.1:8098:81", image);
        docker("create", "--label", LABEL, "--name", PREFIX + "privileged", "--privileged", image);

        String engineBefore = engineState();
        List<String> reports = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            reports.add(dockaudit(dir, "audit").lines().skip(1).reduce("", (a, b) -> a + b + "\n"));
        }

        assertThat(reports).as("the first line names the collection time").containsOnly(reports.getFirst());
        assertThat(engineState()).as("the audits changed nothing: same containers, same states, same init pids")
                .isEqualTo(engineBefore);
    }

    @Test
    void processesThatComeAndGoLeaveNoUnknownBehind(@TempDir Path dir) throws Exception {
        String forker = PREFIX + "forker";
        docker("run", "-d", "--label", LABEL, "--name", forker, LabIT.IMAGE, "sh", "-c",
                "while true; do for i in 1 2 3 4 5 6 7 8; do /bin/sleep 0.02 & done; wait; done");
        // A child its parent never waits for: a zombie for as long as the container runs, with a
        // status but no namespaces and no LSM label to read. Cgroup v1 moves it to the root cgroup
        // (so it is no member); kernels that leave it in its cgroup list it among the container's.
        String zombie = PREFIX + "zombie";
        docker("run", "-d", "--label", LABEL, "--name", zombie, LabIT.IMAGE, "sh", "-c", "/bin/true & exec /bin/sleep 3600");

        try {
            leaveNoUnknown(dir, List.of(forker, zombie));
        } finally {
            // The other tests want an unchanged host.
            docker("rm", "-f", forker, zombie);
        }
    }

    private static void leaveNoUnknown(Path dir, List<String> names) throws Exception {
        List<JsonNode> reports = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            dockaudit(dir, "audit", "--format", "json", "-o", dir.resolve("report.json").toString());
            JsonNode report = Json.MAPPER.readTree(dir.resolve("report.json").toFile());
            ((com.fasterxml.jackson.databind.node.ObjectNode) report.path("source")).remove("collectedAt");
            reports.add(report);
            List<String> unknown = new ArrayList<>();
            for (JsonNode check : report.path("checks")) {
                if (names.contains(check.path("target").path("name").asText()) && check.path("outcome").asText().equals("unknown")
                        && !check.path("id").asText().startsWith("KRN-02")) {
                    unknown.add(check.path("target").path("name").asText() + " " + check.path("id").asText() + ": "
                            + check.path("detail").asText());
                }
            }
            assertThat(unknown).as("run " + run).isEmpty();
        }
        // The processes that exited between two reads are said on stderr, not in the report.
        assertThat(reports).containsOnly(reports.getFirst());
    }

    /** Every container of the engine with its state and init pid, and the images. */
    private static String engineState() throws Exception {
        return Commands.run(List.of("docker", "ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.State}}"), 60)
                + Commands.run(List.of("sh", "-c", "docker inspect -f '{{.Id}} {{.State.Pid}} {{.RestartCount}}' $(docker ps -aq)"), 60)
                + Commands.run(List.of("docker", "images", "-q", "--no-trunc"), 60);
    }

    /** Runs the packaged jar in a JVM of its own; fails unless it exits 0 or 1 (findings). */
    private static String dockaudit(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-jar", PROJECT.resolve("cli/target/dockaudit.jar").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args)).isIn(0, 1);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static void docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Commands.run(command, 60);
    }
}
