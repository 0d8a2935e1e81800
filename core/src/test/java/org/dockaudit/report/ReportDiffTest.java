package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.dockaudit.check.Auditor;
import org.dockaudit.check.Severity;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;

/** Audit, harden, re-audit: the comparison shows what the hardening fixed, through the JSON reports. */
class ReportDiffTest {

    private static JsonNode jsonReport(String inspect) throws Exception {
        Snapshot snapshot = SnapshotFiles.parse("t", ("[" + inspect + "]").getBytes(StandardCharsets.UTF_8));
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot))));
    }

    @Test
    void aContainerHardenedAndRecreatedUnderItsNameShowsItsFixedFindings() throws Exception {
        String privileged = AuditReportTest.PRIVILEGED;
        // Re-created: another id, the same name, no longer privileged.
        String hardened = privileged.replace("a".repeat(64), "b".repeat(64)).replace("\"Privileged\":true", "\"Privileged\":false");
        assertThat(hardened).isNotEqualTo(privileged);

        ReportDiff diff = ReportDiff.between("before.json", ReportDiff.findings("before.json", jsonReport(privileged)),
                "after.json", ReportDiff.findings("after.json", jsonReport(hardened)));

        assertThat(diff.fixed()).extracting(Finding::id).contains("PRIV-001", "DEV-003");
        assertThat(diff.fixed()).allSatisfy(finding -> assertThat(finding.target().name()).isEqualTo("priv"));
        // No longer privileged, it keeps Docker's default capabilities: a low finding PRIV-001 used to hide.
        assertThat(diff.added()).extracting(Finding::id).containsExactly("PRIV-003");
        assertThat(diff.unchanged()).extracting(Finding::id).contains("RES-001");
        assertThat(diff.highestNew()).contains(Severity.LOW);

        ReportDiff worse = ReportDiff.between("after.json", ReportDiff.findings("after.json", jsonReport(hardened)),
                "before.json", ReportDiff.findings("before.json", jsonReport(privileged)));
        assertThat(worse.added()).extracting(Finding::id).contains("PRIV-001");
        assertThat(worse.highestNew()).contains(Severity.CRITICAL);
    }

    @Test
    void aFileThatIsNoReportIsNamed() {
        assertThatThrownBy(() -> ReportDiff.findings("x.json", Json.MAPPER.readTree("{\"formatVersion\": 1}")))
                .hasMessageStartingWith("x.json: not a dockaudit JSON report");
    }
}
