package org.dockaudit.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filter dumped from a lab container under Docker's default profile: the analysis agrees with
 * the emulator on every syscall of every architecture it admits, with sampled arguments.
 */
class DockerDefaultFilterTest {

    static Program filter;
    static Policy policy;

    @BeforeAll
    static void analyse() throws Exception {
        try (InputStream in = DockerDefaultFilterTest.class.getResourceAsStream("/org/dockaudit/seccomp/reference/docker-20.10-default-x86_64.bpf")) {
            filter = Program.decode(in.readAllBytes());
        }
        policy = Policy.of(filter);
    }

    @Test
    void shapeOfTheDefaultFilter() {
        assertThat(filter.size()).isEqualTo(974);
        assertThat(policy.boundHit()).isFalse();
        assertThat(policy.of(Arch.X86_64).admitsAnything()).isTrue();
        assertThat(policy.of(Arch.X32).admitsAnything()).as("x32 through the x86_64 block").isTrue();
        assertThat(policy.of(Arch.I386).admitsAnything()).isTrue();
        assertThat(policy.of(Arch.AARCH64).admitsAnything()).isFalse();
    }

    @Test
    void knownDecisions() {
        assertThat(policy.rule(Arch.X86_64, 175).outcomes()).extracting(o -> o.action().toString()).containsExactly("errno(1)");
        Policy.Rule clone = policy.rule(Arch.X86_64, 56);
        assertThat(clone.allowCondition()).isEqualTo("(args[0] & 0x7e020000) == 0");
        assertThat(policy.rule(Arch.X86_64, 0).alwaysAllowed()).isTrue();
        assertThat(policy.rule(Arch.I386, 102).name()).isEqualTo("socketcall");
        assertThat(policy.rule(Arch.I386, 102).alwaysAllowed()).isTrue();
        // Numbers no table names: the profile's default below the highest number it knew, runc's
        // ENOSYS stub above it (335-336 are uretprobe and uprobe, named by the 7.2 tables).
        assertThat(policy.of(Arch.X86_64).otherNumbers()).extracting(range -> range.label() + " " + Policy.actions(range.outcomes()))
                .containsExactly("337-423 errno(1)", "472-1073741823 errno(38)", "2147483648-3221225471 errno(38)");
        assertThat(policy.rule(Arch.X86_64, 435).outcomes()).as("clone3 gets ENOSYS so that libcs fall back to clone")
                .extracting(o -> o.action().toString()).containsExactly("errno(38)");
    }

    @Test
    void analysisAgreesWithTheEmulatorEverywhere() {
        Random random = new Random(42);
        int checked = 0;
        for (Policy.ArchPolicy arch : policy.arches()) {
            for (Policy.Rule rule : arch.rules()) {
                List<String> actions = rule.outcomes().stream().map(o -> o.action().toString()).toList();
                for (int sample = 0; sample < 8; sample++) {
                    long[] args = new long[6];
                    for (int i = 0; i < 6; i++) {
                        args[i] = switch (sample) {
                            case 0 -> 0;
                            case 1 -> 8;
                            case 2 -> 0xffffffffL;
                            default -> random.nextLong() & (sample % 2 == 0 ? 0xffffffffL : -1L);
                        };
                    }
                    Action emulated = Action.of(Emulator.run(filter, new SeccompData(rule.nr(), arch.arch().audit(), 0, args)));
                    assertThat(actions).as(arch.arch().id() + " " + rule.name() + " " + java.util.Arrays.toString(args))
                            .contains(emulated.toString());
                    if (rule.alwaysAllowed()) {
                        assertThat(emulated.allows()).isTrue();
                    }
                    if (rule.neverAllowed()) {
                        assertThat(emulated.allows()).isFalse();
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(8 * 2000);
    }

    @Test
    void witnessesAreReal() {
        Query.Answer clone = Query.ask(List.of(filter), Arch.X86_64, 56, java.util.Map.of());
        assertThat(clone.allowed()).isTrue();
        assertThat(Emulator.runAll(List.of(filter), clone.witness().get()).allows()).isTrue();
        assertThat(Query.ask(List.of(filter), Arch.X86_64, 56, java.util.Map.of(0, 0x10000000L)).allowed())
                .as("CLONE_NEWUSER is refused").isFalse();
        assertThat(Query.ask(List.of(filter), Arch.X86_64, 175, java.util.Map.of()).undecided()).isEmpty();
    }

    @Test
    void disassemblyNamesPerArchitecture() {
        List<String> lines = Disassembler.disassemble(Analyzer.annotate(filter, Analyzer.DEFAULT_WORK_BOUND));
        assertThat(lines.get(1)).endsWith("if (A == i386) goto 0004 else goto 0002");
        assertThat(lines).anyMatch(line -> line.contains("if (A == read) goto"));
        // In the i386 block, 102 is socketcall; in the x86_64 block, getuid.
        assertThat(lines.stream().filter(line -> line.contains("0x00000066  if (A == socketcall)")).count()).isEqualTo(1);
        assertThat(lines.stream().filter(line -> line.contains("0x00000066  if (A == getuid)")).count()).isEqualTo(1);
    }
}
