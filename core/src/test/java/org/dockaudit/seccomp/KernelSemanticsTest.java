package org.dockaudit.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kernel's behaviour where a naive reading of the filter goes wrong. */
class KernelSemanticsTest {

    private static final String X86_64_ONLY = """
            ld [4]
            jeq #0xc000003e, 1, 0
            ret #0
            """;

    @Test
    void aDivisionByZeroKillsInsteadOfGoingOn() throws Exception {
        Program program = Assembler.program(X86_64_ONLY + """
                ld [16]
                tax
                ld #100
                div x
                ret #0x7fff0000
                """);

        assertThat(Emulator.run(program, data(0, 0))).as("args[0] == 0: the kernel returns 0").isZero();
        assertThat(Emulator.run(program, data(0, 5))).isEqualTo(0x7fff0000);
        Policy.Rule read = Policy.of(program).rule(Arch.X86_64, 0);
        assertThat(read.alwaysAllowed()).isFalse();
        assertThat(read.outcomes()).extracting(o -> o.action().toString()).contains("kill_thread", "allow");
        assertThat(Query.ask(List.of(program), Arch.X86_64, 0, Map.of(0, 0L)).allowed()).isFalse();
    }

    @Test
    void aReturnedRegisterThatCanOnlyHoldAnErrnoIsNeverAllowed() throws Exception {
        Program program = Assembler.program(X86_64_ONLY + """
                ld [16]
                and #0xfff
                or #0x50000
                ret a
                """);

        Policy.Rule read = Policy.of(program).rule(Arch.X86_64, 0);

        assertThat(read.neverAllowed()).isTrue();
        assertThat(read.outcomes()).singleElement().extracting(o -> o.action().kind()).isEqualTo(Action.Kind.ERRNO);
    }

    @Test
    void aReturnedRegisterThatMaySpellAllowIsAllowed() throws Exception {
        Program program = Assembler.program(X86_64_ONLY + """
                ld [16]
                ret a
                """);

        assertThat(Policy.of(program).rule(Arch.X86_64, 0).alwaysAllowed()).isTrue();
    }

    @Test
    void aReturnedRegisterWhoseActionBitsExcludeAllowIsNeverAllowed() throws Exception {
        // Bit 31 forced: KILL_PROCESS (0x80000000) or an unknown action, which the kernel treats as one.
        Program program = Assembler.program(X86_64_ONLY + """
                ld [16]
                or #0x80000000
                ret a
                """);

        assertThat(Policy.of(program).rule(Arch.X86_64, 0).neverAllowed()).isTrue();
    }

    @Test
    void errnoDataIsClampedAsTheKernelDoes() {
        assertThat(Action.of(0x0005ffff).toString()).isEqualTo("errno(4095)");
        assertThat(Action.of(0x00050026).toString()).isEqualTo("errno(38)");
    }

    @Test
    void anArchitectureComparedThroughXIsStillAnArchitectureCheck() throws Exception {
        Program program = Assembler.program("""
                ld [4]
                tax
                ld #0xc000003e
                jeq x, 1, 0
                ret #0
                ret #0x7fff0000
                """);

        Policy policy = Policy.of(program);

        assertThat(policy.of(Arch.X86_64).rules()).allMatch(Policy.Rule::alwaysAllowed);
        assertThat(policy.of(Arch.AARCH64).admitsAnything()).isFalse();
        assertThat(policy.of(Arch.I386).admitsAnything()).as("not 'conditional on the architecture'").isFalse();
    }

    @Test
    void anArchitectureBoundThroughXWithGreaterThanIsNarrowedTheRightWay() throws Exception {
        // A = 0x40000028 (arm), X = arch: "A > X" holds only for audit values below arm's: i386's.
        Program program = Assembler.program("""
                ld [4]
                tax
                ld #0x40000028
                jgt x, 0, 1
                ret #0x7fff0000
                ret #0
                """);

        Policy policy = Policy.of(program);

        assertThat(policy.of(Arch.I386).rules()).allMatch(Policy.Rule::alwaysAllowed);
        assertThat(policy.of(Arch.ARM).admitsAnything()).isFalse();
        assertThat(policy.of(Arch.X86_64).admitsAnything()).isFalse();
    }

    /**
     * The architecture stays an exact set of audit values however it travels: through scratch
     * memory, a mask, a bit test, or a test for an architecture no table knows (MIPS, 0x8). None
     * of these may turn an ABI into "conditional", which would read as a weakness on every ABI.
     */
    @Test
    void architecturesTestedInEveryFormStayExact() throws Exception {
        String rules = """
                ld [0]
                jeq #0, 0, 1
                ret #0x7fff0000
                ret #0x50001
                """;
        Map<String, String> forms = Map.of(
                "memory", "ld [4]\nst M[0]\nld [0]\nld M[0]\njeq #0xc000003e, 1, 0\nret #0\n",
                "mask", "ld [4]\nand #0x7fffffff\njeq #0x4000003e, 1, 0\nret #0\n",
                "unknown arch first", "ld [4]\njeq #0x8, 0, 1\nret #0x7fff0000\njeq #0xc000003e, 1, 0\nret #0\n");
        for (Map.Entry<String, String> form : forms.entrySet()) {
            Policy policy = Policy.of(Assembler.program(form.getValue() + rules));
            assertThat(policy.rule(Arch.X86_64, 0).alwaysAllowed()).as(form.getKey()).isTrue();
            assertThat(policy.of(Arch.X86_64).conditional()).as(form.getKey()).isEmpty();
            for (Arch other : List.of(Arch.I386, Arch.X32, Arch.AARCH64, Arch.ARM)) {
                assertThat(policy.of(other).admitsAnything()).as(form.getKey() + " " + other.id()).isFalse();
            }
        }
        // "Any 64-bit ABI" by bit 31 of the audit value: exactly the 64-bit ones pass.
        Policy bits = Policy.of(Assembler.program("ld [4]\njset #0x80000000, 1, 0\nret #0\n" + rules));
        assertThat(bits.of(Arch.I386).admitsAnything()).isFalse();
        assertThat(bits.of(Arch.ARM).admitsAnything()).isFalse();
        assertThat(bits.of(Arch.AARCH64).conditional()).isEmpty();
        assertThat(bits.rule(Arch.AARCH64, 0).alwaysAllowed()).isTrue();
    }

    private static SeccompData data(int nr, long arg0) {
        return new SeccompData(nr, Arch.X86_64.audit(), 0, new long[] {arg0, 0, 0, 0, 0, 0});
    }
}
