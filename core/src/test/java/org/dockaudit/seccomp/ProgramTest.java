package org.dockaudit.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The kernel's validator: what it refuses, with which reason. */
class ProgramTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "ld [4]\\nmod #3\\nret #0                      | MOD is refused",
            "raw 0x28 0 0 4\\nret #0                       | not in the seccomp subset",
            "ld [2]\\nret #0                               | aligned 32-bit words",
            "ld [64]\\nret #0                              | below 64",
            "ld [0]\\njeq #1, 5, 0\\nret #0                | conditional jump leaves the filter",
            "ja 1\\nret #0                                 | leaves the filter",
            "ld [0]                                         | last instruction must be a return",
            "ld M[3]\\nret a                               | M[3] read before any store",
            "ld [0]\\ndiv #0\\nret a                       | division by constant zero",
            "ld [0]\\nlsh #32\\nret a                      | shift by 32",
            "ld [0]\\nst M[16]\\nret #0                    | scratch memory slot 16",
            "raw 0x0e 0 0 0                                 | not in the seccomp subset"})
    void refusesWhatTheKernelRefuses(String text, String reason) {
        assertThatThrownBy(() -> Assembler.program(text.replace("\\n", "\n")))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining(reason);
    }

    @Test
    void memoryStoredOnOnePathOnlyIsRefused() {
        String text = """
                ld [0]
                jeq #1, 0, 1
                st M[0]
                ld M[0]
                ret a
                """;
        assertThatThrownBy(() -> Assembler.program(text)).hasMessageContaining("M[0] read before any store on some path");
    }

    @Test
    void acceptsAndRoundTrips() throws Exception {
        Program program = Assembler.program("""
                ld [4]
                jeq #0xc000003e, 0, 3
                ld [0]
                st M[1]
                ldx M[1]
                txa
                and #0xff
                ret #0x7fff0000
                """.replace("and #0xff\n", "and #0xff\n"));
        assertThat(Program.decode(program.encode())).isEqualTo(program);
        assertThat(program.instructions().get(1)).isInstanceOf(Instruction.Jump.class);
    }

    @Test
    void sizesAreChecked() {
        assertThatThrownBy(() -> Program.decode(new byte[7])).hasMessageContaining("truncated filter: 7 bytes");
        assertThatThrownBy(() -> Program.decode(new byte[0])).hasMessageContaining("empty filter");
        byte[] tooLong = new byte[8 * 4097];
        for (int i = 0; i < 4097; i++) {
            tooLong[i * 8] = 0x06;
        }
        assertThatThrownBy(() -> Program.decode(tooLong)).hasMessageContaining("1 to 4096 instructions, not 4097");
    }
}
