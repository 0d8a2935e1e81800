package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dockaudit.check.Auditor;
import org.dockaudit.check.Outcome;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Target;
import org.dockaudit.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;

class ComplianceTest {

    private static final Target WEB = new Target(Target.Kind.CONTAINER, "web", "0123456789ab");

    private static Map<String, Compliance.Item> byId(Compliance compliance) {
        return compliance.items().stream().collect(Collectors.toMap(Compliance.Item::id, Function.identity()));
    }

    @Test
    void theRecordedLabAgainstTheBenchmark() throws Exception {
        Snapshot lab = SnapshotFiles.read(Path.of("../examples/lab-snapshot.json"));
        Compliance compliance = AuditReport.of(lab, Auditor.withAllChecks().audit(lab)).withCompliance("cis-docker-1.6.0").compliance();
        Map<String, Compliance.Item> items = byId(compliance);

        assertThat(compliance.items()).hasSize(117);
        // Each item of the benchmark once, and each check's CIS reference one of them.
        assertThat(compliance.items()).extracting(Compliance.Item::id).doesNotHaveDuplicates();
        org.dockaudit.check.Checks.infos().forEach(info -> assertThat(items.keySet()).as(info.id()).containsAll(List.of(info.cis())));
        assertThat(compliance.sections()).extracting(Compliance.Section::id).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(items.get("5.4").status()).isEqualTo(Compliance.Status.FAIL);
        assertThat(items.get("5.4").checks()).containsExactly("PRIV-002", "PRIV-003", "PRIV-004");
        assertThat(items.get("5.4").failing()).contains("container lab-sysadmin");
        assertThat(items.get("4.2").status()).isEqualTo(Compliance.Status.MANUAL);
        assertThat(items.get("4.2").reason()).endsWith("?");
        // Every item has a check, or is a question for the auditor.
        assertThat(compliance.items()).allSatisfy(item -> assertThat(item.checks().isEmpty())
                .as(item.id()).isEqualTo(item.status() == Compliance.Status.MANUAL));
        // Off a swarm, the swarm's items do not apply (docker-bench counts them as passes).
        assertThat(items.get("7.1").status()).isEqualTo(Compliance.Status.NOT_APPLICABLE);
        assertThat(items.get("7.1").reason()).isEqualTo("swarm mode is not active on this node");
        assertThat(items.get("7.1").scored()).isTrue();
        // dockerd's bind mount of its data root onto itself is a mount point on the root file system.
        assertThat(items.get("1.1.1").status()).isEqualTo(Compliance.Status.FAIL);
        assertThat(items.get("1.1.1").checks()).containsExactly("RES-010");
        // A host item that does not apply says why, from its check.
        assertThat(items.get("3.9").status()).isEqualTo(Compliance.Status.NOT_APPLICABLE);
        assertThat(items.get("3.9").reason()).startsWith("the daemon uses no TLS");
        int expected = compliance.items().stream().filter(Compliance.Item::scored)
                .mapToInt(item -> item.status() == Compliance.Status.PASS ? 1 : item.status() == Compliance.Status.FAIL ? -1 : 0).sum();
        assertThat(compliance.score().value()).isEqualTo(expected);
        assertThat(compliance.sections().stream().mapToInt(section -> section.score().value()).sum()).isEqualTo(expected);
    }

    @Test
    void aFailureAnywhereFailsTheItemAnUndecidedCheckLeavesItUnknownAndNoTargetIsNotApplicable() {
        Compliance failed = Compliance.of("cis-docker-1.6.0", List.of(
                new CheckOutcome("PRIV-003", WEB, Outcome.Status.FAIL, null),
                new CheckOutcome("PRIV-002", WEB, Outcome.Status.UNKNOWN, "no runtime facts")));
        assertThat(byId(failed).get("5.4").status()).isEqualTo(Compliance.Status.FAIL);
        assertThat(byId(failed).get("5.4").failing()).containsExactly("container web");

        Compliance undecided = Compliance.of("cis-docker-1.6.0", List.of(
                new CheckOutcome("PRIV-003", WEB, Outcome.Status.PASS, null),
                new CheckOutcome("PRIV-002", WEB, Outcome.Status.UNKNOWN, "no runtime facts")));
        assertThat(byId(undecided).get("5.4").status()).isEqualTo(Compliance.Status.UNKNOWN);
        assertThat(byId(undecided).get("5.4").reason()).isEqualTo("PRIV-002 on container web: no runtime facts");

        Compliance empty = Compliance.of("cis-docker-1.6.0", List.of());
        assertThat(byId(empty).get("5.4").status()).isEqualTo(Compliance.Status.NOT_APPLICABLE);
        assertThat(empty.score().value()).isZero();
        assertThat(empty.score().scoredItems()).isEqualTo(90);
    }
}
