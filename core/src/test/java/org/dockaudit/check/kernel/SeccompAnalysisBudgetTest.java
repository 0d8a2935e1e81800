package org.dockaudit.check.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.DaemonFacts;
import org.dockaudit.model.Fact;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.Json;
import org.dockaudit.model.RuntimeFacts;
import org.dockaudit.model.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeccompAnalysisBudgetTest {

    @AfterEach
    void restoreTheBudget() {
        SeccompAnalysis.auditPathBudget = SeccompAnalysis.AUDIT_PATH_BUDGET;
    }

    /** A filter that allows one syscall number, distinct per number: distinct contents, distinct analyses. */
    private static String filterAllowing(int nr) {
        // ld [0]; jeq #nr, 0, 1; ret ALLOW; ret ERRNO(1)
        int[][] code = {{0x20, 0, 0, 0}, {0x15, 0, 1, nr}, {0x06, 0, 0, 0x7fff0000}, {0x06, 0, 0, 0x00050001}};
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 * code.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int[] instruction : code) {
            bytes.putShort((short) instruction[0]).put((byte) instruction[1]).put((byte) instruction[2]).putInt(instruction[3]);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static Snapshot snapshotWith(int containers, int firstNr) throws Exception {
        List<ContainerRecord> records = new ArrayList<>();
        for (int i = 0; i < containers; i++) {
            JsonNode inspect = Json.MAPPER.readTree("{\"Id\":\"" + Integer.toHexString(0x100000 + i) + "\",\"Name\":\"/c" + i
                    + "\",\"State\":{\"Running\":true,\"Pid\":" + (100 + i) + "}}");
            records.add(new ContainerRecord(inspect, Fact.of(new RuntimeFacts(100 + i, Fact.of(List.of()), Fact.unknown("-"),
                    Fact.of(List.of(filterAllowing(firstNr + i))), Fact.unknown("-")))));
        }
        return new Snapshot(Snapshot.FORMAT_VERSION, "test", null, "live", false, HostFacts.notCollected("-"), DaemonFacts.notCollected("-"),
                records, List.of(), List.of());
    }

    @Test
    void pastTheAuditsBudgetFiltersAreUnknownWithTheReasonNotAnalysed() throws Exception {
        SeccompAnalysis.auditPathBudget = 1;
        Snapshot snapshot = snapshotWith(3, 700);

        assertThat(SeccompAnalysis.of(new ContainerContext(snapshot.containers().get(0), snapshot))).isPresent();
        assertThatThrownBy(() -> SeccompAnalysis.of(new ContainerContext(snapshot.containers().get(1), snapshot)))
                .isInstanceOf(UnknownFactException.class)
                .hasMessageContaining("this audit's analysis budget (1 paths) went to the filters of other containers")
                .hasMessageContaining("dockaudit seccomp analyze c1");
    }

    @Test
    void eachAuditHasABudgetOfItsOwn() throws Exception {
        SeccompAnalysis.auditPathBudget = 1;
        Snapshot first = snapshotWith(1, 800);
        Snapshot second = snapshotWith(1, 900);

        assertThat(SeccompAnalysis.of(new ContainerContext(first.containers().getFirst(), first))).isPresent();
        assertThat(SeccompAnalysis.of(new ContainerContext(second.containers().getFirst(), second))).isPresent();
    }

    @Test
    void filtersAnalysedAllAtOnceAreTheOnesTheChecksWouldHaveAnalysedOneAfterTheOther() throws Exception {
        Snapshot probe = snapshotWith(1, 1200);
        long pathsOfOne = SeccompAnalysis.of(new ContainerContext(probe.containers().getFirst(), probe)).orElseThrow().paths();
        // A filter is analysed while what the audit spent does not exceed the budget: the first three are.
        SeccompAnalysis.auditPathBudget = 2 * pathsOfOne;
        List<String> oneAfterTheOther = outcomes(snapshotWith(5, 1000));

        Snapshot prepared = snapshotWith(5, 1100);
        SeccompAnalysis.prepare(prepared);

        assertThat(oneAfterTheOther).containsExactly("analysed", "analysed", "analysed", "over budget", "over budget");
        assertThat(outcomes(prepared)).isEqualTo(oneAfterTheOther);
    }

    /** What the checks find of each container's filter, in snapshot order. */
    private static List<String> outcomes(Snapshot snapshot) {
        List<String> outcomes = new ArrayList<>();
        for (var record : snapshot.containers()) {
            try {
                outcomes.add(SeccompAnalysis.of(new ContainerContext(record, snapshot)).isPresent() ? "analysed" : "none");
            } catch (UnknownFactException e) {
                outcomes.add(e.getMessage().contains("analysis budget") ? "over budget" : e.getMessage());
            }
        }
        return outcomes;
    }
}
