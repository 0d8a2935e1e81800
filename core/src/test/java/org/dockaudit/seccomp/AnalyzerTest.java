package org.dockaudit.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

    private static final String I386_AND_X86_64 = """
            ld [4]
            jeq #0x40000003, 0, 3      ; i386
            ld [0]
            jeq #3, 4, 5               ; read on i386
            ret #0
            jeq #0xc000003e, 0, 4      ; x86_64
            ld [0]
            jeq #3, 0, 1               ; close on x86_64
            ret #0x7fff0000
            ret #0x00050001
            ret #0x80000000
            """;

    @Test
    void namesFollowTheArchitectureOfThePath() throws Exception {
        Program program = Assembler.program("""
                ld [4]
                jeq #0x40000003, 0, 2
                ld [0]
                jeq #3, 3, 4
                jeq #0xc000003e, 0, 3
                ld [0]
                jeq #3, 0, 1
                ret #0x7fff0000
                ret #0x00050001
                """);
        List<String> lines = Disassembler.disassemble(Analyzer.annotate(program, 1000));
        assertThat(lines.get(3)).contains("if (A == read)");
        assertThat(lines.get(6)).contains("if (A == close)");
    }

    @Test
    void argumentConditionsAndX32() throws Exception {
        Program program = Assembler.program("""
                ld [4]
                jeq #0xc000003e, 0, 8
                ld [0]
                jge #0x40000000, 6, 0        ; x32 refused
                jeq #1, 0, 4                 ; write
                ld [16]
                and #0xff
                jeq #2, 0, 1
                ret #0x7fff0000
                ret #0x00050001
                ld [20]
                ret #0x00050026
                """.replace("ld [20]\n", ""));
        Policy policy = Policy.of(program);
        Policy.Rule write = policy.rule(Arch.X86_64, 1);
        assertThat(write.allowCondition()).isEqualTo("(args[0] & 0xff) == 2");
        assertThat(policy.of(Arch.X32).admitsAnything()).isFalse();
        assertThat(policy.rule(Arch.X86_64, 0).outcomes()).extracting(o -> o.action().toString()).containsExactly("errno(1)");
    }

    @Test
    void stackedFiltersTheStrictestWins() throws Exception {
        Program allowAll = Assembler.program("ret #0x7fff0000");
        Program errnoOnRead = Assembler.program("""
                ld [0]
                jeq #0, 0, 1
                ret #0x00050001
                ret #0x7fff0000
                """);
        Program unknownAction = Assembler.program("ret #0x12340000");
        SeccompData read = new SeccompData(0, Arch.X86_64.audit(), 0, new long[6]);
        assertThat(Emulator.runAll(List.of(allowAll, errnoOnRead), read).toString()).isEqualTo("errno(1)");
        assertThat(Emulator.runAll(List.of(errnoOnRead, allowAll), read).toString()).isEqualTo("errno(1)");
        assertThat(Emulator.runAll(List.of(allowAll, unknownAction), read).kind()).isEqualTo(Action.Kind.KILL_PROCESS);
        Policy combined = Filters.analyze(List.of(allowAll, errnoOnRead));
        assertThat(combined.rule(Arch.X86_64, 0).neverAllowed()).isTrue();
        assertThat(combined.rule(Arch.X86_64, 1).alwaysAllowed()).isTrue();
    }

    @Test
    void returnOfADataWordIsNotTakenForADenial() throws Exception {
        Program program = Assembler.program("""
                ld [16]
                ret a
                """);
        assertThat(Policy.of(program).rule(Arch.X86_64, 0).neverAllowed()).isFalse();
    }

    /** A hostile filter: thousands of JSET diamonds on arguments. It ends, flagged, without error. */
    @Test
    void adversarialFilterStaysBounded() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1360; i++) {
            text.append("ld [").append(16 + 8 * (i % 6)).append("]\n");
            text.append("jset #").append(1 << (i % 31)).append(", 0, 1\n");
            text.append("add #1\n");
        }
        text.append("ret a\n");
        Program program = Assembler.program(text.toString());
        Analyzer.Result result = Analyzer.analyze(program, 200_000);
        assertThat(result.program().size()).isEqualTo(4081);
        assertThat(result.boundHit()).isTrue();
        assertThat(Policy.of(result).boundHit()).isTrue();
    }

    /** Random and mutated filters: only a validator error or an answer, never an exception. */
    @Test
    void fuzzing() throws Exception {
        Random random = new Random(7);
        byte[] base = DockerDefaultFilterTest.class.getResourceAsStream("/org/dockaudit/seccomp/reference/docker-20.10-default-x86_64.bpf").readAllBytes();
        int valid = 0;
        for (int round = 0; round < 400; round++) {
            byte[] bytes;
            if (round % 2 == 0) {
                bytes = base.clone();
                for (int flips = 0; flips < 1 + random.nextInt(4); flips++) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            } else {
                bytes = new byte[8 * (1 + random.nextInt(40))];
                random.nextBytes(bytes);
                bytes[bytes.length - 8] = 0x06;
                bytes[bytes.length - 7] = 0;
            }
            Program program;
            try {
                program = Program.decode(bytes);
            } catch (InvalidFilterException e) {
                continue;
            }
            valid++;
            Policy policy = Policy.of(Analyzer.analyze(program, 100_000));
            Disassembler.disassemble(Analyzer.annotate(program, 100_000));
            SeccompData data = new SeccompData(random.nextInt(500), Arch.X86_64.audit(), random.nextLong(), new long[] {random.nextLong(), 0, 0, 0, 0, 0});
            Emulator.run(program, data);
            assertThat(policy.arches()).hasSize(Arch.values().length);
        }
        assertThat(valid).isGreaterThan(50);
    }
}
