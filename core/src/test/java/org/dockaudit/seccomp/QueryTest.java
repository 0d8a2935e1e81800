package org.dockaudit.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTest {

    /** Allows openat (257) only when argument {@code index} equals {@code value}; errno otherwise. */
    private static Program allowsOnlyWith(int index, long value) throws InvalidFilterException {
        return Assembler.program("""
                ld [4]
                jeq #0xc000003e, 1, 0
                ret #0
                ld [0]
                jeq #257, 1, 0
                ret #0x7fff0000
                ld [%d]
                jeq #%d, 0, 1
                ret #0x7fff0000
                ret #0x50001
                """.formatted(16 + 8 * index, value));
    }

    @Test
    void aWitnessMustSatisfyEveryStackedFilter() throws Exception {
        List<Program> stack = List.of(allowsOnlyWith(0, 7), allowsOnlyWith(1, 9));

        Query.Answer answer = Query.ask(stack, Arch.X86_64, 257, Map.of());

        assertThat(answer.allowed()).as(answer.undecided().toString()).isTrue();
        assertThat(answer.witness().get().args()[0]).isEqualTo(7);
        assertThat(answer.witness().get().args()[1]).isEqualTo(9);
        assertThat(Emulator.runAll(stack, answer.witness().get()).allows()).isTrue();
    }

    @Test
    void aRefusalIsProvenWhenOneFilterOfTheStackRefusesOnEveryPath() throws Exception {
        List<Program> stack = List.of(allowsOnlyWith(0, 7), allowsOnlyWith(1, 9));

        Query.Answer answer = Query.ask(stack, Arch.X86_64, 257, Map.of(0, 8L));

        assertThat(answer.denied()).as(answer.undecided().toString()).isTrue();
    }

    @Test
    void aBoundHitIsNotARefusal() throws Exception {
        Program program = allowsOnlyWith(0, 7);
        Analyzer.Result cutShort = Analyzer.analyze(program, 2);

        // Refused in truth, but with paths left unexplored nothing proves it.
        Query.Answer answer = Query.ask(List.of(program), cutShort, Arch.X86_64, 257, Map.of(0, 8L));

        assertThat(cutShort.boundHit()).isTrue();
        assertThat(answer.denied()).isFalse();
        assertThat(answer.undecided()).contains("the analysis of a filter stopped at its work bound");
    }
}
