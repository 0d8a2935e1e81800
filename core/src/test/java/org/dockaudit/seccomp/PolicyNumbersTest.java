package org.dockaudit.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers that no syscall table names: counted by range, compared by diff, named by the tables. */
class PolicyNumbersTest {

    private static final String ERRNO_38 = "ret #0x50026";
    private static final String ALLOW = "ret #0x7fff0000";

    private static Program belowIsAllowed(int limit) throws InvalidFilterException {
        return Assembler.program("""
                ld [4]
                jeq #0xc000003e, 1, 0
                ret #0
                ld [0]
                jge #%d, 0, 1
                %s
                %s
                """.formatted(limit, ERRNO_38, ALLOW));
    }

    @Test
    void numbersOutsideTheTableArePartitionedWhereTheFilterCuts() throws Exception {
        Policy policy = Policy.of(belowIsAllowed(600));

        assertThat(policy.of(Arch.X86_64).otherNumbers()).extracting(range -> range.label() + " " + Policy.actions(range.outcomes()))
                .containsExactly("337-423 allow", "472-599 allow", "600-1073741823 errno(38)", "2147483648-3221225471 errno(38)");
    }

    @Test
    void diffSeesFiltersThatDifferOnlyPastTheTables() throws Exception {
        List<PolicyDiff.Difference> differences = PolicyDiff.between(List.of(belowIsAllowed(500)), List.of(belowIsAllowed(600)));

        assertThat(differences).extracting(PolicyDiff.Difference::name).containsExactly("numbers 500-599 (in no table)");
        assertThat(differences.getFirst().left()).isEqualTo("errno(38)");
        assertThat(differences.getFirst().right()).isEqualTo("allowed");
    }

    @Test
    void theTablesKnowTheSyscallsOfKernelsNewerThanTheLabs() {
        assertThat(Arch.X86_64.name(451)).contains("cachestat");
        assertThat(Arch.X86_64.name(452)).contains("fchmodat2");
        assertThat(Arch.X86_64.name(453)).contains("map_shadow_stack");
        assertThat(Arch.X86_64.name(456)).contains("futex_requeue");
        assertThat(Arch.X32.name(Arch.X32_SYSCALL_BIT + 456)).contains("futex_requeue");
        assertThat(Arch.AARCH64.name(456)).contains("futex_requeue");
        assertThat(Arch.RISCV64.name(79)).as("riscv64 is a 64-bit ABI").contains("newfstatat");
    }

    /** 18 argument tests whose branches meet again (2^18 paths), then errno or allow on one bit. */
    static Program diamonds(boolean mixed) throws InvalidFilterException {
        StringBuilder text = new StringBuilder("ld [4]\njeq #0xc000003e, 1, 0\nret #0\n");
        for (int i = 0; i < 18; i++) {
            text.append("ld [").append(16 + 8 * (i % 6) + ((i / 6) % 2 == 1 ? 4 : 0)).append("]\n");
            text.append("jset #").append(1L << (i % 31)).append(", 0, 0\n");
        }
        if (mixed) {
            text.append("ld [56]\njset #0x40000000, 0, 1\nret #0x50001\n");
        }
        return Assembler.program(text.append("ret #0x7fff0000\n").toString());
    }

    @Test
    void pathsThatAllEndAlikeGiveAnUnconditionalRule() throws Exception {
        Policy policy = Policy.of(diamonds(false));

        assertThat(policy.of(Arch.X86_64).rules()).allSatisfy(rule -> assertThat(rule.outcomes()).containsExactly(
                new Policy.Outcome(Action.of(0x7fff0000), "true")));
    }

    @Test
    void pathsThatDifferAreListedUpToTheCapThenSummarised() throws Exception {
        Policy.Rule read = Policy.of(diamonds(true)).rule(Arch.X86_64, 0);

        assertThat(read.outcomes()).hasSizeLessThanOrEqualTo(Policy.MAX_CONDITIONS_PER_RULE + 2);
        assertThat(read.outcomes()).extracting(o -> o.action().toString()).contains("allow", "errno(1)");
        assertThat(read.outcomes()).anySatisfy(o -> assertThat(o.condition()).startsWith("one of up to"));
        assertThat(read.alwaysAllowed()).isFalse();
        assertThat(read.neverAllowed()).isFalse();
    }
}
