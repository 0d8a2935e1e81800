package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.dockaudit.check.Auditor;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;

/** Accepted risks: applied, expired, stale, and a malformed file named line by line. */
class WaiversTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-29");

    private static AuditReport report() throws Exception {
        Snapshot snapshot = SnapshotFiles.parse("t", ("[" + AuditReportTest.PRIVILEGED + "]").getBytes(StandardCharsets.UTF_8));
        return AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot));
    }

    @Test
    void aWaivedFindingLeavesTheGateAndStaysInSightWithItsReason() throws Exception {
        Waivers waivers = Waivers.parse("w.yaml", """
                waivers:
                  - check: PRIV-001
                    target: "pri*"
                    reason: "the lab's privileged test container"
                    expires: 2027-01-31
                    by: "ops"
                """);
        AuditReport report = waivers.apply(report(), TODAY);

        assertThat(report.findings()).noneMatch(finding -> finding.id().equals("PRIV-001"));
        assertThat(report.waived()).singleElement().satisfies(waived -> {
            assertThat(waived.finding().id()).isEqualTo("PRIV-001");
            assertThat(waived.reason()).isEqualTo("the lab's privileged test container");
            assertThat(waived.by()).isEqualTo("ops");
        });
        assertThat(report.notes()).noneMatch(note -> note.contains("w.yaml"));
    }

    @Test
    void anExpiredWaiverNoLongerAppliesAndOneThatMatchesNothingIsStale() throws Exception {
        Waivers waivers = Waivers.parse("w.yaml", """
                waivers:
                  - check: PRIV-001
                    reason: "accepted last year"
                    expires: 2026-01-01
                  - check: CTL-001
                    target: "nothing-*"
                    reason: "left from an old host"
                """);
        AuditReport report = waivers.apply(report(), TODAY);

        assertThat(report.findings()).anyMatch(finding -> finding.id().equals("PRIV-001"));
        assertThat(report.waived()).isEmpty();
        assertThat(report.notes()).contains("w.yaml:2: waiver of PRIV-001 on * expired on 2026-01-01: no longer applied",
                "w.yaml:5: waiver of CTL-001 on nothing-* matches no finding: stale, remove it");
    }

    @Test
    void aMalformedFileIsNamedWithItsLineAndWhatIsWrong() {
        assertThatThrownBy(() -> Waivers.parse("w.yaml", "waivers:\n  - check: PRIV-001\n    target: x\n"))
                .hasMessage("w.yaml:2: a waiver needs a 'reason'");
        assertThatThrownBy(() -> Waivers.parse("w.yaml", "waivers:\n  - check: PRIV-001\n    reason: r\n    expires: soon\n"))
                .hasMessage("w.yaml:2: 'expires' must be a date such as 2027-03-31");
        assertThatThrownBy(() -> Waivers.parse("w.yaml", "waivers:\n  - check: PRIV-001\n    reasons: typo\n"))
                .hasMessageStartingWith("w.yaml:2: unknown key 'reasons'");
        assertThatThrownBy(() -> Waivers.parse("w.yaml", "waivers:\n  - check: [unclosed\n"))
                .hasMessageStartingWith("w.yaml:").hasMessageContaining("not YAML");
        assertThatThrownBy(() -> Waivers.parse("w.yaml", "- just a list\n")).hasMessage("w.yaml:1: expected a list under \"waivers:\"");
    }
}
