package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Podman (rootful) through its Docker-compatible API, `podman system service` started by
 * this test on a socket of its own and ended by it, by pid. Its containers are judged on Podman's
 * own facts: its default capability set, not Docker's; crun or runc under conmon; its seccomp
 * profile, containers-common's file. Podman 4.3 containers need explicit ulimits to start on this
 * kind of machine.
 */
class PodmanIT {

    @TempDir
    static Path dir;

    private static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    private static final String NAME = "podman-" + Long.toHexString(System.nanoTime() & 0xffffff);
    private static Process service;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/podman")), "podman is not installed (scripts/test.sh installs it)");
        socket = dir.resolve("podman.sock");
        service = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket).redirectErrorStream(true)
                .redirectOutput(dir.resolve("service.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        assertThat(socket).as(Files.readString(dir.resolve("service.log"))).exists();
        Commands.run(List.of("sh", "-c", "docker save " + LabIT.IMAGE + " | podman load"), 120);
        Commands.run(List.of("podman", "run", "-d", "--label", LABEL, "--name", NAME, "--ulimit", "nofile=1024:1024",
                "--ulimit", "nproc=1024:1024", LabIT.IMAGE, "sleep", "infinity"), 120);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service == null) {
            return;
        }
        Commands.run(List.of("podman", "rm", "-f", "--filter", "label=" + LABEL), 120);
        service.destroy();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
            service.destroyForcibly();
        }
    }

    @Test
    void podmansContainersAreJudgedOnPodmansOwnFacts(@TempDir Path out) throws Exception {
        Path file = out.resolve("report.json");
        Cli cli = Cli.run("audit", "--host", "unix://" + socket, "--format", "json", "-o", file.toString());
        assertThat(cli.exitCode()).as(cli.err()).isIn(0, 1);
        JsonNode report = Json.MAPPER.readTree(file.toFile());

        assertThat(report.path("source").path("engine").asText()).contains("Podman");
        // Podman's default set is 11 capabilities, not Docker's 14: judged against its own.
        assertThat(detail(report, "PRIV-003")).contains("keeps 11 default capabilities").doesNotContain("MKNOD");
        // The kernel's view of the container is read, as for Docker's: capabilities of its processes.
        assertThat(outcome(report, "PRIV-004")).isNotEqualTo("unknown");
        // Docker's daemon settings do not apply to Podman: said, not failed.
        assertThat(outcome(report, "DMN-002")).isEqualTo("not-applicable");
        // Podman's own default profile, the file its info names (containers-common's), compiled as
        // Podman and its runc load it, makes the same decisions as the filter the container runs under.
        assertThat(outcome(report, "KRN-023")).isEqualTo("pass");
        // So what that default lets through is said once, on the daemon, and not on each container.
        assertThat(detail(report, "KRN-026")).contains("dangerous syscall: keyctl").contains("socketcall bypass");
        for (String id : List.of("KRN-020", "KRN-021", "KRN-022")) {
            assertThat(outcome(report, id)).as(id).isEqualTo("not-applicable");
        }
    }

    @Test
    void aMissingPodmanSocketSaysHowToStartIt() {
        Cli cli = Cli.run("audit", "--host", "unix://" + dir.resolve("none/podman.sock"));
        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.err()).contains("podman system service").doesNotContain("Exception");
    }

    private static JsonNode check(JsonNode report, String id) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals(id) && check.path("target").path("name").asText().equals(NAME)
                    || check.path("id").asText().equals(id) && check.path("target").path("kind").asText().equals("daemon")) {
                return check;
            }
        }
        throw new AssertionError("no " + id + " in " + report.path("checks"));
    }

    private static String outcome(JsonNode report, String id) {
        return check(report, id).path("outcome").asText();
    }

    private static String detail(JsonNode report, String id) {
        return check(report, id).path("detail").asText();
    }
}
