package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.dockaudit.check.Auditor;
import org.dockaudit.check.Checks;
import org.dockaudit.check.ImageCheck;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;

class AuditReportTest {

    static final String PRIVILEGED = "{\"Id\":\"" + "a".repeat(64) + "\",\"Name\":\"/priv\","
            + "\"State\":{\"Running\":false,\"Status\":\"created\"},\"Config\":{\"User\":\"\"},\"Mounts\":[],"
            + "\"HostConfig\":{\"Privileged\":true,\"CapAdd\":null,\"CapDrop\":null,\"SecurityOpt\":[\"label=disable\"],"
            + "\"PidMode\":\"\",\"NetworkMode\":\"default\",\"IpcMode\":\"private\",\"UTSMode\":\"\",\"UsernsMode\":\"\","
            + "\"CgroupnsMode\":\"private\",\"PortBindings\":{},\"PublishAllPorts\":false,\"Devices\":[],"
            + "\"DeviceCgroupRules\":null,\"Memory\":0,\"MemorySwap\":0,\"NanoCpus\":0,\"CpuQuota\":0,\"CpusetCpus\":\"\","
            + "\"CpuShares\":0,\"PidsLimit\":null,\"OomKillDisable\":false,\"ReadonlyRootfs\":false}}";

    private static AuditReport report() throws Exception {
        Snapshot snapshot = SnapshotFiles.parse("t", ("[" + PRIVILEGED + "]").getBytes(StandardCharsets.UTF_8));
        return AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot));
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(report()));

        assertThat(json.path("formatVersion").asInt()).isEqualTo(1);
        JsonNode finding = json.path("findings").get(0);
        assertThat(finding.path("severity").asText()).isEqualTo("critical");
        assertThat(finding.path("target").path("kind").asText()).isEqualTo("container");
        assertThat(finding.path("target").path("name").asText()).isEqualTo("priv");
        assertThat(finding.path("target").path("id").asText()).hasSize(64);
        assertThat(finding.path("threats").get(0).asText()).isIn("denial-of-service", "escape", "unauthorized-access");
        assertThat(finding.path("evidence").isArray()).isTrue();
        assertThat(finding.path("remediation").asText()).contains("`");
        assertThat(finding.path("references").isArray()).isTrue();
        long perSnapshot = Checks.all().stream().filter(check -> !(check instanceof ImageCheck)).count();
        assertThat(json.path("checks").size()).as("host, daemon and container checks, no image").isEqualTo(perSnapshot);
        assertThat(json.path("checks").findValuesAsText("outcome")).contains("pass", "fail", "not-applicable", "unknown");
        assertThat(json.path("matrix").path("process-privileges").path("escape").asText()).isEqualTo("critical");
        assertThat(json.path("matrix").path("control-interfaces").path("escape").asText())
                .as("inspect output says nothing of the host: unknown, not clean").isEqualTo("unknown");
        assertThat(json.path("matrix").path("images").path("unauthorized-access").asText())
                .as("no image, and a container without Config: its environment is unknown").isEqualTo("unknown");
        assertThat(json.path("matrix").path("resource-consumption").has("escape")).isFalse();
        assertThat(json.path("summary").path("findings").path("critical").asInt()).isEqualTo(2);
        assertThat(json.path("summary").path("targets").path("container").asInt()).isEqualTo(1);
    }

    /** Podman answers the Docker API: the report names it, and its "daemon" is podman, not dockerd. */
    @Test
    void aPodmanEngineIsNamedSo() throws Exception {
        Snapshot inspect = SnapshotFiles.parse("t", ("[" + PRIVILEGED + "]").getBytes(StandardCharsets.UTF_8));
        JsonNode version = Json.MAPPER.readTree("""
                {"Components": [{"Name": "Podman Engine", "Version": "4.3.1"}], "Version": "4.3.1", "ApiVersion": "1.41",
                 "KernelVersion": "6.1.0"}""");
        org.dockaudit.model.Fact<JsonNode> none = org.dockaudit.model.Fact.unknown("not in this test");
        Snapshot podman = new Snapshot(inspect.formatVersion(), inspect.tool(), inspect.collectedAt(), "live", false, inspect.host(),
                new org.dockaudit.model.DaemonFacts(org.dockaudit.model.Fact.of(version), none, none, none, none, none, none),
                inspect.containers(), inspect.images(), inspect.notes());

        AuditReport report = AuditReport.of(podman, Auditor.withAllChecks().audit(podman));

        assertThat(report.source().engine()).isEqualTo("Podman 4.3.1 (API 1.41), kernel 6.1.0");
        assertThat(report.checks()).filteredOn(check -> check.target().kind() == org.dockaudit.model.Target.Kind.DAEMON)
                .isNotEmpty().allSatisfy(check -> assertThat(check.target().name()).isEqualTo("podman"));
        assertThat(AuditReport.of(inspect, Auditor.withAllChecks().audit(inspect)).source().engine()).isNull();
    }

    @Test
    void findingsComeMostSevereFirst() throws Exception {
        AuditReport report = report();

        assertThat(report.findings()).extracting(Finding::severity).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(report.findings()).extracting(Finding::id).contains("PRIV-001", "DEV-003", "KRN-001");
    }

    @Test
    void textGroupsByAreaAndEndsWithTheRecapTable() throws Exception {
        String text = text(false, true);

        assertThat(text)
                .contains("== Process privileges (capabilities) [process-privileges]")
                .contains("  container priv (aaaaaaaaaaaa)")
                .contains("CRITICAL PRIV-001 Container runs privileged")
                .contains("== Not determined (unknown is not a pass)")
                .contains("== Recap: audit points by threat")
                .doesNotContain("\u001b[");
        String recap = text.substring(text.indexOf("== Recap"));
        assertThat(recap).containsPattern("Docker control interfaces\\s+unknown\\s+unknown");
        // A container without a health check (IMG-008) is a finding; the image-bound threats stay unknown without the image.
        assertThat(recap).containsPattern("Images\\s+low\\s+unknown\\s+unknown");
        assertThat(recap).containsPattern("Process privileges \\(capabilities\\)\\s+\\S+\\s+critical\\s+critical");
    }

    @Test
    void colorsOnlyWhenAsked() throws Exception {
        assertThat(text(true, false)).contains("\u001b[1;35mCRITICAL\u001b[0m");
    }

    private static String text(boolean color, boolean details) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new TextReport().write(report(), out, new ReportFormat.Options(color, details));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Replicas read as one line in the default text; --details and JSON keep every finding. */
    @Test
    void theDefaultTextGroupsIdenticalFindingsOfReplicas() throws Exception {
        StringBuilder inspect = new StringBuilder("[");
        for (int replica = 1; replica <= 7; replica++) {
            inspect.append(replica > 1 ? "," : "").append(PRIVILEGED.replace("a".repeat(64), Integer.toString(replica).repeat(64))
                    .replace("/priv", "/web-" + replica));
        }
        Snapshot snapshot = SnapshotFiles.parse("t", inspect.append("]").toString().getBytes(StandardCharsets.UTF_8));
        AuditReport replicas = AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot));
        java.io.ByteArrayOutputStream grouped = new java.io.ByteArrayOutputStream();
        new TextReport().write(replicas, grouped, new ReportFormat.Options(false, false));
        java.io.ByteArrayOutputStream details = new java.io.ByteArrayOutputStream();
        new TextReport().write(replicas, details, new ReportFormat.Options(false, true));
        String text = grouped.toString(StandardCharsets.UTF_8);

        assertThat(text).startsWith(replicas.tool() + " audit").contains("== Verdict").contains("== Top risks (critical and high)")
                .contains("CRITICAL PRIV-001 Container runs privileged: 7 containers (web-1, web-2, web-3, web-4, web-5, ... 2 more)")
                .contains("== Containers").containsPattern("web-7\\s+\\S+\\s+\\S*\\s+\\d+")
                .contains("7 containers (web-1, web-2, web-3, web-4, web-5, ... 2 more):")
                .containsPattern("Process privileges \\(capabilities\\)\\s+critical \\(7\\)");
        assertThat(text.lines().filter(line -> line.contains("PRIV-001 Container runs privileged")).count()).isEqualTo(1);
        assertThat(text).contains("        how it decides, and examples: dockaudit checks PRIV-001\n");
        assertThat(details.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("PRIV-001")).count()).isEqualTo(7);
        assertThat(replicas.findings().stream().filter(finding -> finding.id().equals("PRIV-001")).count()).isEqualTo(7);
        assertThat(details.size()).as("grouped is shorter").isGreaterThan(2 * grouped.size());
        // The Compose keys on one line are still YAML, the same mapping as the per-container lines.
        String compose = text.lines().filter(line -> line.startsWith("    compose: {")).findFirst().orElseThrow();
        JsonNode keys = org.dockaudit.model.Json.yaml().readTree(compose.substring("    compose: ".length()));
        assertThat(keys).isEqualTo(org.dockaudit.model.Json.MAPPER.valueToTree(replicas.hardening().getFirst().compose()));
        assertThat(keys.path("cap_drop").get(0).asText()).isEqualTo("ALL");
    }
}
