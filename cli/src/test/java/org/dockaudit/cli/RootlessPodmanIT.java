package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's Podman run rootless, by the unprivileged user {@code nobody} (with no subordinate ids:
 * Podman maps that user alone), its API service on a socket of its own, audited by root as an
 * auditor would. Its state lives in a directory this test makes and removes; the service and the
 * pause process rootless Podman keeps are ended by pid. What rootless changes: the engine is
 * rootless (its Docker /info does not say so, its own info does), each container has a network
 * stack of its own, and on cgroup v1 no cgroup of its own, so it shares the user's, and the
 * auditor's in a session like this one.
 */
class RootlessPodmanIT {

    private static final int NOBODY = 65534;
    private static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    private static final String NAME = "rootless-" + Long.toHexString(System.nanoTime() & 0xffffff);
    private static Path home;
    private static Process service;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/podman")), "podman is not installed (scripts/test.sh installs it)");
        // Under /tmp, not a JUnit directory under root's home, which nobody cannot reach.
        home = Files.createTempDirectory(Path.of("/tmp"), "dockaudit-rootless-");
        Commands.run(List.of("chown", NOBODY + ":" + NOBODY, home.toString()), 30);
        socket = home.resolve("podman.sock");
        service = new ProcessBuilder(asNobody("podman", "system", "service", "--time=0", "unix://" + socket)).redirectErrorStream(true)
                .redirectOutput(home.resolve("service.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        assertThat(socket).as(Files.readString(home.resolve("service.log"))).exists();
        Path image = home.resolve("lab.tar");
        Commands.run(List.of("docker", "save", "-o", image.toString(), LabIT.IMAGE), 120);
        Commands.run(List.of("chown", NOBODY + ":" + NOBODY, image.toString()), 30);
        Commands.run(asNobody("podman", "load", "-i", image.toString()), 300);
        Commands.run(asNobody("podman", "run", "-d", "--label", LABEL, "--name", NAME, "--ulimit", "nofile=1024:1024",
                "--ulimit", "nproc=1024:1024", LabIT.IMAGE, "sleep", "infinity"), 120);
    }

    @AfterAll
    static void stop() throws Exception {
        if (home == null) {
            return;
        }
        try {
            if (service != null) {
                Commands.run(asNobody("podman", "rm", "-f", "--filter", "label=" + LABEL), 120);
                // Rootless Podman re-executes itself in its user namespace: the service may be a child
                // of the process started here, which outlives it. Ours are those that name our socket.
                List<ProcessHandle> started = new ArrayList<>(service.descendants().toList());
                started.add(service.toHandle());
                ProcessHandle.allProcesses().filter(process -> process.info().commandLine().orElse("").contains(socket.toString()))
                        .forEach(started::add);
                started.forEach(ProcessHandle::destroy);
                // The service takes a few seconds to end on SIGTERM; past 15 s, SIGKILL.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                for (ProcessHandle process : started) {
                    long left = Math.max(0, deadline - System.nanoTime());
                    if (process.onExit().completeOnTimeout(process, left, TimeUnit.NANOSECONDS).join().isAlive()) {
                        process.destroyForcibly();
                    }
                }
                // Rootless Podman keeps a pause process holding its user namespace: ours, by its pid file.
                Path pause = home.resolve("libpod/tmp/pause.pid");
                if (Files.exists(pause)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pause).strip())).ifPresent(ProcessHandle::destroy);
                }
            }
        } finally {
            Commands.run(List.of("rm", "-rf", home.toString()), 120);
        }
    }

    private static List<String> asNobody(String... command) {
        List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "env", "HOME=" + home, "XDG_RUNTIME_DIR=" + home, "XDG_CONFIG_HOME=" + home.resolve("config")));
        line.addAll(List.of(command));
        return line;
    }

    @Test
    void aRootlessEngineIsKnownAsSuchAndItsContainersAreAudited() throws Exception {
        Path file = home.resolve("report.json");
        Cli cli = Cli.run("audit", "--host", "unix://" + socket, "--format", "json", "-o", file.toString());
        assertThat(cli.exitCode()).as(cli.err()).isIn(0, 1);
        JsonNode report = Json.MAPPER.readTree(file.toFile());

        // Rootless, read from Podman's own info: container root is nobody on the host.
        assertThat(check(report, "DMN-001", "podman").path("detail").asText()).contains("host.security.rootless is true");
        assertThat(check(report, "DMN-019", "podman").path("outcome").asText()).isEqualTo("pass");
        assertThat(check(report, "DMN-003", "podman").path("outcome").asText()).isEqualTo("not-applicable");
        // Its socket belongs to the user it runs as, as it must: not a control-interface finding.
        assertThat(report.path("findings").toString()).doesNotContain(socket.toString());

        // The container shares the auditor's cgroups on cgroup v1, and is still not taken for dockaudit's own.
        assertThat(report.path("notes").toString()).doesNotContain(NAME);
        assertThat(check(report, "PRIV-004", NAME).path("outcome").asText()).isNotEqualTo("unknown");
        // The user namespace, not the cgroup it shares, bounds its devices.
        assertThat(check(report, "DEV-004", NAME).path("outcome").asText()).isEqualTo("not-applicable");
    }

    private static JsonNode check(JsonNode report, String id, String target) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals(id) && check.path("target").path("name").asText().equals(target)) {
                return check;
            }
        }
        throw new AssertionError("no " + id + " on " + target + " in " + report.path("checks"));
    }
}
