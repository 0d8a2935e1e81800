package org.dockaudit.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every check example of {@code src/test/resources/checks} through its check. */
class CheckExamplesTest {

    private static final Map<String, Check> CHECKS = Checks.all().stream()
            .collect(Collectors.toMap(check -> Checks.info(check).id(), Function.identity()));

    static List<CheckExample> examples() {
        return CheckExample.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleGivesItsOutcome(CheckExample example) {
        Check check = CHECKS.get(example.checkId());
        assertThat(check).as("a registered check with id " + example.checkId()).isNotNull();

        Outcome outcome = Auditor.evaluate(() -> switch (check) {
            case ContainerCheck container -> container.evaluate(
                    new ContainerContext(example.snapshot().containers().getFirst(), example.snapshot()));
            case HostCheck host -> host.evaluate(new HostContext(example.snapshot()));
            case ImageCheck image -> image.evaluate(new ImageContext(example.snapshot().images().getFirst(), example.snapshot()));
        });

        assertThat(outcome.status().id()).as(example.description() + " -> " + outcome).isEqualTo(example.expectedOutcome());
        if (outcome instanceof Outcome.Fail fail) {
            assertThat(fail.evidence()).isNotEmpty();
            assertThat(fail.severity()).isLessThanOrEqualTo(Checks.info(check).severity());
            if (example.severity() != null) {
                assertThat(fail.severity().id()).as(String.join("; ", fail.evidence())).isEqualTo(example.severity());
            }
            String evidence = String.join("\n", fail.evidence());
            example.evidence().forEach(expected -> assertThat(evidence).contains(expected));
            example.absent().forEach(unexpected -> assertThat(evidence).doesNotContain(unexpected));
        } else if (outcome instanceof Outcome.Pass pass) {
            example.evidence().forEach(expected -> assertThat(pass.evidence()).contains(expected));
        }
    }

    /** A {@code docker run} flag in backquotes: {@code `--cap-drop ALL`}, {@code `-v ...`}, {@code `-p ...`}. */
    private static final java.util.regex.Pattern RUN_FLAG = java.util.regex.Pattern.compile("`(--[a-z][a-z-]*|-[vpP])\\b[^`]*`");

    /**
     * Container checks whose remediation names a {@code docker run} flag that changes nothing by
     * itself: the fix would be a guess, so they carry none.
     */
    private static final Map<String, String> NO_FIX = Map.of(
            "IMG-006", "move the secret to a secrets mechanism: no flag removes it from the environment by itself",
            "KRN-022", "the option holds the profile inlined, not the file name the user typed: the profile is what to edit",
            "KRN-023", "the profile must deny socketcall on i386 or drop SCMP_ARCH_X86: an edit of the profile, not a flag",
            "KRN-024", "the filter changed behind the configuration: recreating is the remedy, the flags are already right",
            "KRN-025", "the rule must be rewritten in the profile: no flag changes it",
            "SWM-004", "a service's secret moves into a docker secret: --secret adds it, no flag removes the variable by itself");

    /** Fixes travel with the findings: a failure of a check that names a docker run flag carries one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void aFailureWhoseRemediationNamesARunFlagCarriesAFix(CheckExample example) {
        Check check = CHECKS.get(example.checkId());
        if (!(check instanceof ContainerCheck container) || !example.expectedOutcome().equals("fail")
                || !RUN_FLAG.matcher(Checks.info(check).remediation()).find() || NO_FIX.containsKey(example.checkId())) {
            return;
        }
        Outcome outcome = Auditor.evaluate(() -> container.evaluate(
                new ContainerContext(example.snapshot().containers().getFirst(), example.snapshot())));

        assertThat(outcome).isInstanceOf(Outcome.Fail.class);
        assertThat(((Outcome.Fail) outcome).fix().isEmpty()).as(example.description() + ": a fix, as data").isFalse();
    }

    /**
     * Checks that judge a fixed reference and so cannot pass until another exists: each still needs a
     * failing example and one where it does not apply.
     */
    private static final Map<String, String> CANNOT_PASS = Map.of(
            "KRN-026", "judges the one default filter dockaudit has a reference for (Docker 20.10's), whose weaknesses are known");

    @Test
    void everyCheckHasAFailingAndAPassingExample() {
        Map<String, Set<String>> outcomesById = examples().stream().collect(Collectors.groupingBy(
                CheckExample::checkId, Collectors.mapping(CheckExample::expectedOutcome, Collectors.toSet())));
        for (Check check : Checks.all()) {
            String id = Checks.info(check).id();
            assertThat(outcomesById.getOrDefault(id, Set.of())).as(id)
                    .contains("fail", CANNOT_PASS.containsKey(id) ? "not-applicable" : "pass");
        }
        assertThat(outcomesById.keySet()).as("examples for unregistered checks")
                .allMatch(CHECKS::containsKey);
    }

    @Test
    void metadataIsComplete() {
        for (Check check : Checks.all()) {
            CheckInfo info = Checks.info(check);
            assertThat(info.id()).matches("[A-Z]+-\\d{3}");
            assertThat(info.title()).isNotBlank();
            assertThat(info.remediation()).as(info.id()).contains("`");
            assertThat(info.threats()).as(info.id()).isNotEmpty();
            assertThat(info.area().threats()).as(info.id() + " threats within its area's").contains(info.threats());
        }
    }
}
