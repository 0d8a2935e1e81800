package org.dockaudit.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Docker JSON profiles: resolution as moby and runc do it, and compilation with the same decisions. */
class ProfileTest {

    private static final Set<String> DOCKER_DEFAULT = Set.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private static JsonNode sample() throws Exception {
        return new ObjectMapper().readTree(ProfileTest.class.getResourceAsStream("/seccomp/sample-profile.json"));
    }

    @Test
    void resolvesIncludesExcludesAndArchitectures() throws Exception {
        Profile.Resolved plain = Profile.resolve(sample(), Arch.X86_64, DOCKER_DEFAULT, "4.4.0");
        assertThat(plain.abis()).containsExactly(Arch.X86_64, Arch.I386, Arch.X32);
        assertThat(plain.rules().get(Arch.X86_64)).doesNotContainKey(Arch.X86_64.number("mount").orElseThrow())
                .doesNotContainKey(Arch.X86_64.number("ptrace").orElseThrow())
                .containsKey(Arch.X86_64.number("arch_prctl").orElseThrow());
        // moby tests includes.arches against the native architecture only; runc then adds the
        // name to every ABI that has it, so i386 gets arch_prctl too.
        assertThat(plain.rules().get(Arch.I386)).containsKey(Arch.I386.number("arch_prctl").orElseThrow());
        Profile.Resolved admin = Profile.resolve(sample(), Arch.X86_64, Set.of("CAP_SYS_ADMIN"), null);
        assertThat(admin.rules().get(Arch.X86_64)).containsKey(Arch.X86_64.number("mount").orElseThrow())
                .containsKey(Arch.X86_64.number("ptrace").orElseThrow());
        assertThat(admin.rules().get(Arch.X86_64).get(Arch.X86_64.number("clone").orElseThrow())).isNull();
        assertThat(Profile.resolve(sample(), Arch.AARCH64, DOCKER_DEFAULT, null).abis()).containsExactly(Arch.AARCH64, Arch.ARM);
    }

    @Test
    void compiledFilterDecidesAsTheProfileEverywhere() throws Exception {
        Random random = new Random(11);
        for (Set<String> caps : List.of(DOCKER_DEFAULT, Set.of("CAP_SYS_ADMIN"))) {
            for (Arch nativeArch : List.of(Arch.X86_64, Arch.AARCH64)) {
                Profile.Resolved profile = Profile.resolve(sample(), nativeArch, caps, null);
                Program program = ProfileCompiler.compile(profile);
                for (Arch arch : Arch.values()) {
                    for (int nr : arch.syscalls().keySet()) {
                        for (int sample = 0; sample < 6; sample++) {
                            long[] args = new long[6];
                            for (int i = 0; i < 6; i++) {
                                args[i] = switch (sample) {
                                    case 0 -> 0;
                                    case 1 -> 40;
                                    case 2 -> 0xffffffffL;
                                    case 3 -> 0x1_0000_0000L;
                                    default -> random.nextInt(12) < 6 ? random.nextInt(12) : random.nextLong();
                                };
                            }
                            SeccompData data = new SeccompData(nr, arch.audit(), 0, args);
                            Action expected = profile.evaluate(arch, data);
                            assertThat(Action.of(Emulator.run(program, data)))
                                    .as(nativeArch + " " + arch.id() + " " + arch.name(nr).orElse("?") + " " + java.util.Arrays.toString(args))
                                    .isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void analysisOfTheCompiledProfile() throws Exception {
        Program program = ProfileCompiler.compile(Profile.resolve(sample(), Arch.X86_64, DOCKER_DEFAULT, null));
        Policy policy = Policy.of(program);
        assertThat(policy.rule(Arch.X86_64, 56).allowCondition()).isEqualTo("(args[0] & 0x7e020000) == 0");
        assertThat(policy.rule(Arch.X86_64, 41).allowCondition()).isEqualTo("(args[0].hi == 0 && args[0].lo != 0x28) || (args[0].hi != 0)");
        assertThat(Query.ask(List.of(program), Arch.X86_64, 41, Map.of(0, 40L)).allowed()).isFalse();
        assertThat(Query.ask(List.of(program), Arch.X86_64, 41, Map.of(0, 2L)).allowed()).isTrue();
        assertThat(policy.rule(Arch.X86_64, 435).outcomes()).extracting(o -> o.action().toString()).containsExactly("errno(38)");
        // The profile's default in the table's hole (337-423), runc's ENOSYS stub past its highest number.
        assertThat(policy.of(Arch.X86_64).otherOutcomes()).extracting(o -> o.action().toString()).containsExactly("errno(1)", "errno(38)");
        assertThat(policy.of(Arch.AARCH64).admitsAnything()).isFalse();
        assertThat(policy.rule(Arch.I386, 102).alwaysAllowed()).as("socketcall").isTrue();
    }
}
