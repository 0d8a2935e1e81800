package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab on the real engine that scripts/test.sh started: labelled containers with known
 * weaknesses, and a hardened one. Everything this test creates carries its run's label and is
 * removed by that label.
 */
class LabIT {

    static final String IMAGE = "dockaudit-lab:latest";
    static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    static final String PREFIX = "lab-" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";

    static JsonNode report;
    static Map<String, List<JsonNode>> findingsByContainer = new HashMap<>();

    @BeforeAll
    static void startLabAndAudit(@TempDir Path dir) throws Exception {
        Path project = Path.of(System.getProperty("dockaudit.project", ".."));
        docker("version", "--format", "{{.Server.Version}}");
        run(List.of(project.resolve("scripts/lab-image.sh").toString(), IMAGE));
        docker("create", "--label", LABEL, "--name", PREFIX + "privileged", "--privileged", IMAGE);
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "socket", "-v", "/var/run/docker.sock:/var/run/docker.sock", IMAGE);
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "hostns", "--pid=host", "--net=host", "--ipc=host", IMAGE);
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "sysadmin", "--cap-add", "SYS_ADMIN",
                "--security-opt", "seccomp=unconfined", IMAGE);
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "device", "--device", "/dev/fuse:/dev/fuse", IMAGE);
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "hardened", "--cap-drop", "ALL", "--read-only",
                "--security-opt", "no-new-privileges", "--memory", "64m", "--pids-limit", "50", "--user", "1000",
                "--cpus", "0.5", "--cgroupns", "private", IMAGE);
        // A process that is not the container's init, as `docker exec` makes them.
        docker("exec", "-d", PREFIX + "sysadmin", "/bin/sleep", "300");

        Path file = dir.resolve("report.json");
        Cli cli = Cli.run("audit", "--format", "json", "-o", file.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        report = Json.MAPPER.readTree(file.toFile());
        for (JsonNode finding : report.path("findings")) {
            findingsByContainer.computeIfAbsent(finding.path("target").path("name").asText(), name -> new ArrayList<>()).add(finding);
        }
    }

    @AfterAll
    static void removeLab() throws Exception {
        Commands.removeLabelled(LABEL);
    }

    private static JsonNode finding(String container, String id) {
        return findingsByContainer.getOrDefault(PREFIX + container, List.of()).stream()
                .filter(f -> f.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " on " + PREFIX + container + "; findings: "
                        + findingsByContainer.getOrDefault(PREFIX + container, List.of()).stream().map(f -> f.path("id").asText()).toList()));
    }

    private static String outcome(String container, String id) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals(id) && check.path("target").path("name").asText().equals(PREFIX + container)) {
                return check.path("outcome").asText();
            }
        }
        throw new AssertionError("no outcome of " + id + " on " + container);
    }

    @Test
    void privilegedContainerCreatedButNotStarted() {
        assertThat(finding("privileged", "PRIV-001").path("severity").asText()).isEqualTo("critical");
        assertThat(finding("privileged", "DEV-003").path("severity").asText()).isEqualTo("critical");
        assertThat(finding("privileged", "KRN-001").path("evidence").toString()).contains("--privileged");
        assertThat(outcome("privileged", "PRIV-004")).isEqualTo("not-applicable");
    }

    @Test
    void dockerSocketMounted() {
        JsonNode socket = finding("socket", "ISO-008");
        assertThat(socket.path("severity").asText()).isEqualTo("critical");
        assertThat(socket.path("evidence").toString()).contains("/var/run/docker.sock").contains("/run/docker.sock");
    }

    @Test
    void hostNamespacesConfirmedByInodes() {
        for (String id : List.of("ISO-001", "ISO-002", "ISO-003")) {
            JsonNode finding = finding("hostns", id);
            assertThat(finding.path("evidence").toString()).as(id).contains("=host").contains("is the host's");
        }
        assertThat(finding("hostns", "ISO-001").path("severity").asText()).isEqualTo("high");
    }

    @Test
    void addedCapabilityAndNoSeccompSeenInTheKernel() {
        assertThat(finding("sysadmin", "PRIV-002").path("severity").asText()).isEqualTo("critical");
        JsonNode effective = finding("sysadmin", "PRIV-004");
        assertThat(effective.path("evidence").toString()).contains("CAP_SYS_ADMIN");
        assertThat(effective.path("evidence").size()).as("init and the exec'd process").isEqualTo(2);
        assertThat(finding("sysadmin", "KRN-001").path("evidence").toString()).contains("seccomp=unconfined");
        assertThat(finding("sysadmin", "KRN-002").path("evidence").toString()).contains("Seccomp 0");
    }

    @Test
    void deviceInConfigurationAndInTheDevicesCgroup() {
        assertThat(finding("device", "DEV-001").path("evidence").toString()).contains("/dev/fuse");
        assertThat(finding("device", "DEV-004").path("evidence").toString()).contains("c 10:229 rwm");
        assertThat(outcome("socket", "DEV-004")).as("a default container's devices.list").isEqualTo("pass");
    }

    @Test
    void hardenedContainerHasNoHighOrCriticalFinding() {
        List<String> grave = findingsByContainer.getOrDefault(PREFIX + "hardened", List.of()).stream()
                .filter(f -> List.of("high", "critical").contains(f.path("severity").asText()))
                .map(f -> f.path("id").asText() + " " + f.path("evidence"))
                .toList();
        assertThat(grave).isEmpty();
        for (String id : List.of("PRIV-003", "PRIV-004", "PRIV-005", "PRIV-006", "RES-001", "RES-004", "RES-006", "KRN-002", "KRN-003", "ISO-006")) {
            assertThat(outcome("hardened", id)).as(id).isEqualTo("pass");
        }
    }

    @Test
    void hostDaemonAndImageAreAuditedToo() {
        assertThat(checkOutcome("host", "MAC-001")).as("this kernel has neither AppArmor nor SELinux").isEqualTo("fail");
        assertThat(outcome("hardened", "MAC-002")).isEqualTo("not-applicable");
        assertThat(outcome("hardened", "MAC-003")).isEqualTo("not-applicable");
        assertThat(checkOutcome("host", "CTL-001")).isEqualTo("pass");
        assertThat(checkOutcome("daemon", "CTL-003")).isEqualTo("pass");
        assertThat(checkOutcome("daemon", "DMN-009")).isEqualTo("pass");
        assertThat(checkDetail("host", "KRN-010")).contains("runc");
        assertThat(checkOutcome("image", "IMG-004")).as("busybox-static has no setuid bit").isEqualTo("pass");
        assertThat(checkOutcome("image", "IMG-001")).isEqualTo("fail");
        JsonNode hardening = null;
        for (JsonNode advice : report.path("hardening")) {
            if (advice.path("target").path("name").asText().equals(PREFIX + "sysadmin")) {
                hardening = advice;
            }
        }
        assertThat(hardening).isNotNull();
        assertThat(hardening.path("add").toString()).contains("--cap-drop ALL");
        assertThat(hardening.path("remove").toString()).contains("SYS_ADMIN").contains("seccomp=unconfined");
    }

    private static String checkOutcome(String kind, String id) {
        return check(kind, id).path("outcome").asText();
    }

    private static String checkDetail(String kind, String id) {
        return check(kind, id).path("detail").asText();
    }

    private static JsonNode check(String kind, String id) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals(id) && check.path("target").path("kind").asText().equals(kind)
                    && (!kind.equals("image") || check.path("target").path("name").asText().equals(IMAGE))) {
                return check;
            }
        }
        throw new AssertionError("no outcome of " + id + " on the " + kind);
    }

    @Test
    void snapshotCarriedAwayGivesTheSameFindings(@TempDir Path dir) throws Exception {
        Path snapshot = dir.resolve("host.json");
        Path analyzed = dir.resolve("analyzed.json");
        assertThat(Cli.run("collect", "-o", snapshot.toString()).exitCode()).isZero();
        assertThat(Cli.run("analyze", snapshot.toString(), "--format", "json", "-o", analyzed.toString()).exitCode()).isZero();

        assertThat(Files.readString(snapshot)).contains("\"redacted\" : true");
        JsonNode offline = Json.MAPPER.readTree(analyzed.toFile());
        assertThat(labFindings(offline)).isEqualTo(labFindings(report));
    }

    private static List<String> labFindings(JsonNode report) {
        List<String> ids = new ArrayList<>();
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("target").path("name").asText().startsWith(PREFIX)) {
                ids.add(finding.path("target").path("name").asText() + " " + finding.path("id").asText()
                        + " " + finding.path("severity").asText());
            }
        }
        return ids.stream().sorted().toList();
    }

    static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return Commands.run(command, 120);
    }
}
