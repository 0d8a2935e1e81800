package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gVisor container next to a runc one, same image, same flags, in a second dockerd of this test
 * with Debian's runsc registered as a runtime (ptrace platform; its own network stack off, as this
 * machine's sandboxes cannot create interfaces). The host sees a gVisor container as its sandbox
 * and gofer: no check may report their privileges, namespaces, devices or filter as the
 * workload's. The daemon and its containers are this test's, removed by it.
 */
class GVisorIT {

    @TempDir
    static Path dir;

    private static SecondDaemon daemon;
    private static JsonNode report;

    @BeforeAll
    static void audit() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/runsc")), "runsc is not installed (scripts/test.sh installs it)");
        Files.writeString(dir.resolve("daemon.json"), """
                {"runtimes": {"runsc": {"path": "/usr/bin/runsc", "runtimeArgs": ["--platform=ptrace", "--network=none"]}}}
                """);
        daemon = SecondDaemon.start(dir, List.of("--config-file", dir.resolve("daemon.json").toString()));
        Commands.run(List.of("sh", "-c", "docker save " + LabIT.IMAGE + " | docker -H " + daemon.host() + " load"), 120);
        for (String runtime : List.of("runsc", "runc")) {
            daemon.docker("run", "-d", "--name", "sandboxed-" + runtime, "--runtime", runtime, "--cap-add", "SYS_ADMIN",
                    "--pids-limit", "50", LabIT.IMAGE);
        }
        Path file = dir.resolve("report.json");
        Cli cli = Cli.run("audit", "--host", daemon.host(), "--format", "json", "-o", file.toString());
        assertThat(cli.exitCode()).as(cli.err()).isIn(0, 1);
        report = Json.MAPPER.readTree(file.toFile());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.docker("rm", "-f", "sandboxed-runsc", "sandboxed-runc");
            daemon.close();
        }
    }

    @Test
    void theSandboxsOwnPrivilegesAreNotTheWorkloads() {
        for (String id : List.of("PRIV-004", "KRN-002", "KRN-020", "KRN-023", "DEV-004", "CTL-006")) {
            assertThat(outcome("sandboxed-runsc", id)).as(id).startsWith("not-applicable: runs in the sandbox of runsc (/usr/bin/runsc)");
        }
        // The same flags under runc are judged on the kernel's facts.
        assertThat(outcome("sandboxed-runc", "PRIV-004")).startsWith("fail");
        assertThat(outcome("sandboxed-runc", "KRN-023")).doesNotStartWith("not-applicable").doesNotStartWith("unknown");
        assertThat(outcome("sandboxed-runc", "DEV-004")).doesNotStartWith("not-applicable");
        // The sandbox's cgroup holds the workload: its limits are the workload's, read as for runc.
        assertThat(outcome("sandboxed-runsc", "RES-006")).isEqualTo(outcome("sandboxed-runc", "RES-006")).startsWith("pass");
    }

    @Test
    void theSandboxsNamespacesAreNeitherTheHostsNorSharedButItsSettingsStillCount() {
        // runsc's sandbox process sits in the host's pid namespace: that is gVisor's, not the workload's.
        assertThat(outcome("sandboxed-runsc", "ISO-001")).startsWith("pass");
        assertThat(outcome("sandboxed-runsc", "ISO-007")).startsWith("pass");
        assertThat(outcome("sandboxed-runsc", "RTM-001")).startsWith("pass").contains("own kernel");
        // What the configuration asks for is still the container's: SYS_ADMIN added.
        assertThat(outcome("sandboxed-runsc", "PRIV-002")).startsWith("fail").contains("SYS_ADMIN");
        assertThat(report.path("findings").toString()).doesNotContain("holds CAP_SYS_ADMIN, which its container's configuration");
    }

    private static String outcome(String container, String id) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals(id) && check.path("target").path("name").asText().equals(container)) {
                return check.path("outcome").asText() + ": " + check.path("detail").asText();
            }
        }
        throw new AssertionError("no " + id + " on " + container);
    }
}
