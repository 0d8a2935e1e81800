package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dockaudit.check.Auditor;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Checks;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;

class SarifReportTest {

    private static final String CONTAINERS = "[{\"Id\":\"" + "a".repeat(64) + "\",\"Name\":\"/priv\","
            + "\"State\":{\"Running\":false},\"Config\":{\"User\":\"\"},\"Mounts\":[],\"HostConfig\":{\"Privileged\":true,"
            + "\"ReadonlyRootfs\":false,\"Memory\":0,\"PidsLimit\":null,\"SecurityOpt\":null,\"CapAdd\":[\"SYS_ADMIN\"]}},"
            + "{\"Id\":\"" + "b".repeat(64) + "\",\"Name\":\"/web\",\"State\":{\"Running\":false},\"Config\":{\"User\":\"1000\"},"
            + "\"Mounts\":[],\"HostConfig\":{\"Privileged\":false,\"ReadonlyRootfs\":true,\"Memory\":1,\"PidsLimit\":5}}]";

    private static ObjectNode sarif() throws Exception {
        Snapshot snapshot = SnapshotFiles.parse("t", CONTAINERS.getBytes(StandardCharsets.UTF_8));
        AuditReport report = AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot));
        List<CheckInfo> checks = Checks.infos();
        return SarifReport.of(report, checks, ReportFormat.Options.PLAIN);
    }

    @Test
    void isValidAgainstTheSarif210Schema() throws Exception {
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }

        var errors = schema.validate(Json.MAPPER.writeValueAsString(sarif()), InputFormat.JSON);

        assertThat(errors).isEmpty();
    }

    @Test
    void schemaValidationCanFail() throws Exception {
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
        ObjectNode broken = sarif();
        broken.put("version", "2.0.0");
        ((ObjectNode) broken.path("runs").get(0).path("results").get(0)).put("level", "fatal");

        assertThat(schema.validate(Json.MAPPER.writeValueAsString(broken), InputFormat.JSON)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void oneRulePerCheckAndOneResultPerFindingWithStableFingerprints() throws Exception {
        JsonNode run = sarif().path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("rules").size()).isEqualTo(Checks.all().size());
        JsonNode rule = run.path("tool").path("driver").path("rules").get(0);
        assertThat(rule.path("help").path("markdown").asText()).contains("`").as("the check's page")
                .startsWith("# " + rule.path("id").asText() + ": ").contains("## How it decides").contains("## How to fix it");

        JsonNode results = run.path("results");
        assertThat(results.size()).isPositive();
        JsonNode privileged = null;
        for (JsonNode result : results) {
            if (result.path("ruleId").asText().equals("PRIV-001")) {
                privileged = result;
            }
            int index = result.path("ruleIndex").asInt();
            assertThat(run.path("tool").path("driver").path("rules").get(index).path("id").asText()).isEqualTo(result.path("ruleId").asText());
        }
        assertThat(privileged).isNotNull();
        assertThat(privileged.path("level").asText()).isEqualTo("error");
        assertThat(privileged.path("locations").get(0).path("logicalLocations").get(0).path("fullyQualifiedName").asText())
                .isEqualTo("container/priv");
        String fingerprint = privileged.path("partialFingerprints").path("dockaudit/v1").asText();
        assertThat(fingerprint).hasSize(64).isEqualTo(sarif().path("runs").get(0).path("results")
                .findParents("ruleId").stream().filter(r -> r.path("ruleId").asText().equals("PRIV-001")).findFirst().orElseThrow()
                .path("partialFingerprints").path("dockaudit/v1").asText());
    }
}
