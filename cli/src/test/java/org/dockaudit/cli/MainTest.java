package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import java.io.StringWriter;

import java.io.PrintWriter;

import java.io.ByteArrayOutputStream;

import java.io.ByteArrayInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "lab-snapshot.json");

    private static final String PRIVILEGED_INSPECT = "[{\"Id\":\"" + "a".repeat(64) + "\",\"Name\":\"/priv\","
            + "\"State\":{\"Running\":false,\"Status\":\"created\"},\"Config\":{\"User\":\"\"},\"Mounts\":[],"
            + "\"HostConfig\":{\"Privileged\":true,\"ReadonlyRootfs\":false,\"Memory\":0,\"PidsLimit\":null}}]";

    @Test
    void terminalsAreToldByTheirDevice(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("report.txt"), "");

        assertThat(Main.isTerminal(Path.of("/dev/tty"))).isTrue();
        assertThat(Main.isTerminal(Path.of("/dev/ptmx"))).isTrue();
        assertThat(Main.isTerminal(Path.of("/dev/null"))).isFalse();
        assertThat(Main.isTerminal(file)).isFalse();
        assertThat(Main.isTerminal(directory.resolve("missing"))).isFalse();
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Cli cli = Cli.run("audit", "--help");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("Exit codes:").contains("3   cannot reach the Docker daemon").contains("--fail-on");
    }

    @Test
    void checksAreListed() {
        Cli cli = Cli.run("checks");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out().lines()).hasSize(org.dockaudit.check.Checks.all().size())
                .anyMatch(line -> line.startsWith("PRIV-001  critical  process-privileges"))
                .anyMatch(line -> line.startsWith("CTL-003   critical  control-interfaces"));
    }

    @Test
    void missingSocketIsOneLineAndExitThree() {
        Cli cli = Cli.run("audit", "--host", "unix:///nonexistent/docker.sock");

        assertThat(cli.exitCode()).isEqualTo(3);
        assertThat(cli.err().lines()).hasSize(1);
        assertThat(cli.err()).startsWith("dockaudit: cannot reach the Docker daemon: no socket at /nonexistent/docker.sock")
                .contains("examples/lab-snapshot.json");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void truncatedSnapshotIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("host.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"containers\": [");

        Cli cli = Cli.run("analyze", file.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().lines()).containsExactly("dockaudit: " + file + ": truncated JSON: input ends at line 1, column 37");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli cli = Cli.run("audit", "--frobnicate");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("dockaudit: Unknown option: '--frobnicate'");
    }

    @Test
    void badSeverityIsAUsageError() {
        Cli cli = Cli.run("analyze", "-", "--fail-on", "severe");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("unknown severity 'severe'");
    }

    @Test
    void failOnSetsTheExitCode() {
        assertThat(Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--fail-on", "critical").exitCode()).isEqualTo(1);
        assertThat(Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-").exitCode()).isZero();
    }

    /** SARIF rules link to the published check pages when asked; a URL that cannot be one is refused before any work. */
    @Test
    void docsUrlGivesEachSarifRuleItsHelpUri() throws Exception {
        Cli cli = Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--format", "sarif", "--docs-url",
                "https://docs.example.org/dockaudit/{id}.html");
        com.fasterxml.jackson.databind.JsonNode rules = org.dockaudit.model.Json.MAPPER.readTree(cli.out())
                .path("runs").get(0).path("tool").path("driver").path("rules");
        assertThat(rules).allSatisfy(rule -> assertThat(rule.path("helpUri").asText())
                .isEqualTo("https://docs.example.org/dockaudit/" + rule.path("id").asText() + ".html"));
        assertThat(org.dockaudit.model.Json.MAPPER.readTree(Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--format", "sarif")
                .out()).path("runs").get(0).path("tool").path("driver").path("rules").get(0).has("helpUri")).isFalse();

        for (String bad : List.of("docs/checks/{id}.md", "https://docs.example.org/dockaudit/")) {
            Cli refused = Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--format", "sarif", "--docs-url", bad);
            assertThat(refused.exitCode()).as(bad).isEqualTo(2);
            assertThat(refused.err().strip()).startsWith("dockaudit: --docs-url " + bad).doesNotContain("\n");
            assertThat(refused.out()).isEmpty();
        }
    }

    @Test
    void jsonReportToAFile(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");

        Cli cli = Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--format", "json", "-o", report.toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).isEmpty();
        JsonNode json = Json.MAPPER.readTree(report.toFile());
        assertThat(json.path("findings").get(0).path("id").asText()).isIn("PRIV-001", "DEV-003");
    }

    @Test
    void unwritableOutputIsBadInput() {
        Cli cli = Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "-o", "/nonexistent/dir/report.txt");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("dockaudit: cannot write to /nonexistent/dir/report.txt: no directory /nonexistent/dir\n");
    }

    @Test
    void namesFromTheHostCannotForgeLinesOrHideTheReport() {
        // What an image author or whoever starts a container controls: names, environment, user, binds, devices.
        String hostile = """
                [{"Id":"%s","Name":"/web\\u001b[8m\\nCRITICAL PRIV-999 forged","Image":"sha256:1",
                  "Config":{"User":"root\\u001b[2J","Env":["TOKEN\\u202eFAKE=1","PATH=/bin"],"Image":"x"},
                  "HostConfig":{"Privileged":true,"Binds":["/\\u001b]0;x\\u0007:/host"],
                    "Devices":[{"PathOnHost":"/dev/sda\\nHIGH","PathInContainer":"/dev/sda","CgroupPermissions":"rwm"}]},
                  "State":{"Status":"created","Running":false}}]
                """.formatted("c".repeat(64));

        Cli cli = Cli.runWithInput(hostile, "analyze", "-");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e");
        assertThat(cli.out().lines()).noneMatch(line -> line.startsWith("CRITICAL") || line.startsWith("HIGH"));
        assertThat(cli.out()).contains("web\\e[8m\\nCRITICAL PRIV-999 forged");
    }

    @Test
    void failedWritesAndBadValuesAreErrorsNotSilence() {
        Cli full = Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "-o", "/dev/full");
        assertThat(full.exitCode()).isEqualTo(2);
        assertThat(full.err()).isEqualTo("dockaudit: cannot write to /dev/full: the write failed (a full disk, a closed pipe?)\n");

        Cli dash = Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--format", "json", "-o", "-");
        assertThat(dash.exitCode()).isZero();
        assertThat(dash.out()).startsWith("{");

        assertThat(Cli.run("audit", "-o", "/nonexistent/dir/report.txt").err())
                .as("checked before the audit: no daemon is asked").contains("no directory /nonexistent/dir");
        assertThat(Cli.run("audit", "--timeout", "soon").exitCode()).isEqualTo(2);
        assertThat(Cli.run("seccomp", "emulate", "x.bpf", "--arch", "x86_64", "--syscall", "99999999999").exitCode()).isEqualTo(2);
        assertThat(Cli.run("seccomp", "dump", "--pid", "abc", "-o", "/tmp/x").exitCode()).isEqualTo(2);
        assertThat(Cli.run("seccomp", "analyze", "x.bpf", "--format", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void aTlsDaemonIsRefusedOutLoudNotSpokenToInPlainHttp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"audit"}, out, new PrintWriter(err, true), new ByteArrayInputStream(new byte[0]), false,
                Map.of("DOCKER_HOST", "tcp://127.0.0.1:2376", "DOCKER_TLS_VERIFY", "1"));

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).startsWith("dockaudit: DOCKER_TLS_VERIFY is set for tcp://127.0.0.1:2376");
    }

    @Test
    void shippedExampleGivesAFullReportWithoutDocker() {
        Cli cli = Cli.run("analyze", EXAMPLE.toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("CRITICAL PRIV-001").contains("ISO-008").contains("== Recap");
        // What the hardened container kept were the daemon's facts (no userns-remap, runc, the default
        // profile's weaknesses): reported once on the daemon, nothing is left that a container flag fixes.
        assertThat(cli.out()).doesNotContain("container lab-hardened").contains("DMN-001").contains("RTM-002").contains("KRN-026");
        // lab-socket can drive the daemon: the control-interfaces audit point says so.
        assertThat(cli.out()).containsPattern("Docker control interfaces\\s+critical \\(\\d+\\)\\s+critical \\(\\d+\\)");
    }

    @Test
    void globalOptionsWorkOnEveryCommandWhereverTheyAreGiven(@org.junit.jupiter.api.io.TempDir Path dir) {
        String profile = Path.of("src", "test", "resources", "profiles", "chrome.json").toString();
        Cli told = Cli.run("seccomp", "compile", profile, "-o", dir.resolve("a.bpf").toString());
        Cli quiet = Cli.run("seccomp", "compile", profile, "-o", dir.resolve("b.bpf").toString(), "--quiet");
        Cli quietFirst = Cli.run("-q", "seccomp", "compile", profile, "-o", dir.resolve("c.bpf").toString());

        assertThat(told.err()).contains("wrote");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(quietFirst.err()).isEmpty();

        assertThat(Cli.run("analyze", EXAMPLE.toString(), "--color", "always").out()).contains("\u001b[");
        assertThat(Cli.run("analyze", EXAMPLE.toString(), "--color", "never").out()).doesNotContain("\u001b[");
        assertThat(Cli.run("analyze", EXAMPLE.toString(), "--verbose").err()).contains("ran ").contains(" checks on ");
        assertThat(Cli.run("analyze", EXAMPLE.toString(), "--color", "sometimes").exitCode()).isEqualTo(2);
        assertThat(Cli.run("audit", "--help").out()).doesNotContain("--stacktrace");
    }

    @Test
    void noArgumentsPrintTheUsageAndAnEmptyNoColorDoesNotTurnColorsOff() {
        Cli bare = Cli.run();
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.out()).startsWith("Usage: dockaudit").contains("audit").contains("generate-completion");

        for (Map.Entry<String, Boolean> noColor : Map.of("", true, "1", false).entrySet()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            Main.run(new String[] {"analyze", EXAMPLE.toString()}, out, new java.io.PrintWriter(new java.io.StringWriter()),
                    java.io.InputStream.nullInputStream(), true, Map.of("NO_COLOR", noColor.getKey()));
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\u001b["))
                    .as("NO_COLOR='" + noColor.getKey() + "' on a terminal").isEqualTo(noColor.getValue());
        }
    }

    @Test
    void filtersChooseWhatIsShownAndTheGatesStillJudgeEveryFinding(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");
        assertThat(Cli.run("analyze", EXAMPLE.toString(), "--format", "json", "-o", json.toString(), "--severity", "critical").exitCode()).isZero();
        com.fasterxml.jackson.databind.JsonNode report = org.dockaudit.model.Json.MAPPER.readTree(json.toFile());
        assertThat(report.path("findings")).isNotEmpty().allSatisfy(finding -> assertThat(finding.path("severity").asText()).isEqualTo("critical"));

        Cli.run("analyze", EXAMPLE.toString(), "--container", "lab-s*", "--exclude-container", "lab-sidecar", "--skip-check", "RES-001",
                "--format", "json", "-o", json.toString());
        report = org.dockaudit.model.Json.MAPPER.readTree(json.toFile());
        java.util.Set<String> targets = new java.util.TreeSet<>();
        report.path("checks").forEach(check -> {
            if (check.path("target").path("kind").asText().equals("container")) {
                targets.add(check.path("target").path("name").asText());
            }
            assertThat(check.path("id").asText()).isNotEqualTo("RES-001");
        });
        assertThat(targets).containsExactly("lab-socket", "lab-sysadmin");
        assertThat(Cli.run("analyze", EXAMPLE.toString(), "--check", "NOPE-001").err()).contains("no check NOPE-001");

        // What is shown does not loosen the gate, and an input that could not be read fails it when asked.
        assertThat(Cli.run("analyze", EXAMPLE.toString(), "--severity", "low", "--fail-on", "critical").exitCode()).isEqualTo(1);
        assertThat(Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--check", "PRIV-001,KRN-024").exitCode()).isZero();
        assertThat(Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--fail-on-unknown").exitCode()).isEqualTo(1);
    }

    @Test
    void checksExplainsOneCheckFromItsPage() {
        Cli page = Cli.run("checks", "krn-024");
        assertThat(page.exitCode()).isZero();
        assertThat(page.out()).startsWith("# KRN-024: ").contains("## How it decides").contains("## How to fix it").contains("## Examples");
        assertThat(Cli.run("checks", "NOPE-001").exitCode()).isEqualTo(2);
    }

    @Test
    void waiversTakeAcceptedRisksOutOfTheGate(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // Every critical finding of the privileged container, each waived.
        Cli all = Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--format", "json");
        java.util.Set<String> critical = new java.util.TreeSet<>();
        org.dockaudit.model.Json.MAPPER.readTree(all.out()).path("findings").forEach(finding -> {
            if (finding.path("severity").asText().equals("critical")) {
                critical.add(finding.path("id").asText());
            }
        });
        assertThat(critical).isNotEmpty();
        StringBuilder yaml = new StringBuilder("waivers:\n");
        critical.forEach(id -> yaml.append("  - check: ").append(id).append("\n    reason: the test container\n"));
        Path waivers = dir.resolve("waivers.yaml");
        java.nio.file.Files.writeString(waivers, yaml);

        assertThat(Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--fail-on", "critical").exitCode()).isEqualTo(1);
        Cli waived = Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--fail-on", "critical", "--waivers", waivers.toString());
        assertThat(waived.exitCode()).as(waived.out()).isZero();
        assertThat(waived.out()).contains("== Waived (accepted risks, outside the gate)").contains("accepted: the test container");

        java.nio.file.Files.writeString(waivers, "waivers:\n  - check: PRIV-001\n");
        Cli malformed = Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--waivers", waivers.toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains(waivers + ":2: a waiver needs a 'reason'");
    }

    @Test
    void diffComparesTwoJsonReportsAndGatesOnNewFindings(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path before = dir.resolve("before.json");
        Path after = dir.resolve("after.json");
        java.nio.file.Files.writeString(before, Cli.runWithInput(PRIVILEGED_INSPECT.replace("\"Privileged\":true", "\"Privileged\":false"),
                "analyze", "-", "--format", "json").out());
        java.nio.file.Files.writeString(after, Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--format", "json").out());

        Cli worse = Cli.run("diff", before.toString(), after.toString(), "--fail-on-new", "critical");
        assertThat(worse.exitCode()).as(worse.out() + worse.err()).isEqualTo(1);
        assertThat(worse.out()).contains("CRITICAL DEV-003 Privileged container reaches every host device: container priv");
        Cli better = Cli.run("diff", after.toString(), before.toString(), "--fail-on-new", "critical");
        assertThat(better.exitCode()).isZero();
        assertThat(better.out()).containsPattern("\\d+ fixed:").contains("DEV-003");
        assertThat(Cli.run("diff", before.toString(), dir.resolve("missing.json").toString()).exitCode()).isEqualTo(2);

        Cli baseline = Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--baseline", before.toString(), "--fail-on-new", "critical");
        assertThat(baseline.exitCode()).isEqualTo(1);
        assertThat(baseline.err()).contains("since " + before + ": 1 new").contains("new critical DEV-003 on container priv");
        assertThat(Cli.runWithInput(PRIVILEGED_INSPECT, "analyze", "-", "--fail-on-new", "critical").exitCode()).isEqualTo(2);
    }
}
