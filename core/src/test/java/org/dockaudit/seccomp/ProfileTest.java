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
        Profile.Resolved plain = Profile.resolve(sample(), DOCKER_DEFAULT, Loader.current(Arch.X86_64, "4.4.0"));
        assertThat(plain.abis()).containsExactly(Arch.X86_64, Arch.I386, Arch.X32);
        assertThat(plain.rules().get(Arch.X86_64)).doesNotContainKey(Arch.X86_64.number("mount").orElseThrow())
                .doesNotContainKey(Arch.X86_64.number("ptrace").orElseThrow())
                .containsKey(Arch.X86_64.number("arch_prctl").orElseThrow());
        // moby tests includes.arches against the native architecture only; runc then adds the
        // name to every ABI that has it, so i386 gets arch_prctl too.
        assertThat(plain.rules().get(Arch.I386)).containsKey(Arch.I386.number("arch_prctl").orElseThrow());
        Profile.Resolved admin = Profile.resolve(sample(), Set.of("CAP_SYS_ADMIN"), Loader.current(Arch.X86_64, null));
        assertThat(admin.rules().get(Arch.X86_64)).containsKey(Arch.X86_64.number("mount").orElseThrow())
                .containsKey(Arch.X86_64.number("ptrace").orElseThrow());
        assertThat(admin.rules().get(Arch.X86_64).get(Arch.X86_64.number("clone").orElseThrow())).isNull();
        assertThat(Profile.resolve(sample(), DOCKER_DEFAULT, Loader.current(Arch.AARCH64, null)).abis()).containsExactly(Arch.AARCH64, Arch.ARM);
    }

    @Test
    void compiledFilterDecidesAsTheProfileEverywhere() throws Exception {
        Random random = new Random(11);
        for (Set<String> caps : List.of(DOCKER_DEFAULT, Set.of("CAP_SYS_ADMIN"))) {
            for (Arch nativeArch : List.of(Arch.X86_64, Arch.AARCH64)) {
                Profile.Resolved profile = Profile.resolve(sample(), caps, Loader.current(nativeArch, null));
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
        Program program = ProfileCompiler.compile(Profile.resolve(sample(), DOCKER_DEFAULT, Loader.current(Arch.X86_64, null)));
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

    private static final Loader DOCKER_20_10 = Loader.of("20.10.24+dfsg1", "1.1.5+ds1", Arch.X86_64, "6.1.0");
    private static final Loader DOCKER_28 = Loader.of("28.3.0", "1.2.6", Arch.X86_64, "6.1.0");

    private static Action decide(String profile, Loader loader, String name, long... args) throws Exception {
        Profile.Resolved resolved = Profile.resolve(new ObjectMapper().readTree(profile), DOCKER_DEFAULT, loader);
        long[] all = java.util.Arrays.copyOf(args, 6);
        SeccompData data = new SeccompData(Arch.X86_64.number(name).orElseThrow(), Arch.X86_64.audit(), 0, all);
        Action compiled = Action.of(Emulator.run(ProfileCompiler.compile(resolved), data));
        assertThat(compiled).as("compiled and resolved agree").isEqualTo(resolved.evaluate(Arch.X86_64, data));
        return compiled;
    }

    @Test
    void maskedEqualityMasksTheDatumAsLibseccompDoes() throws Exception {
        String profile = """
                {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 255, "valueTwo": 264, "op": "SCMP_CMP_MASKED_EQ"}]}]}""";
        // 264 = 0x108: the bit 0x100 lies outside the mask 0xff, so libseccomp compares with 8.
        assertThat(decide(profile, DOCKER_20_10, "personality", 8).kind()).isEqualTo(Action.Kind.ALLOW);
        assertThat(decide(profile, DOCKER_20_10, "personality", 9).kind()).isEqualTo(Action.Kind.ERRNO);
    }

    @Test
    void comparisonsOnOneArgumentBecomeSeparateRulesAsRuncMakesThem() throws Exception {
        String profile = """
                {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}, {"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}]}""";
        assertThat(decide(profile, DOCKER_20_10, "personality", 8).kind()).isEqualTo(Action.Kind.ALLOW);
        assertThat(decide(profile, DOCKER_20_10, "personality", 0).kind()).isEqualTo(Action.Kind.ALLOW);
        assertThat(decide(profile, DOCKER_20_10, "personality", 1).kind()).isEqualTo(Action.Kind.ERRNO);
    }

    @Test
    void aRuleWithTheDefaultActionIsSkippedAsRuncSkipsIt() throws Exception {
        String profile = """
                {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
                 {"names": ["personality"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]},
                 {"names": ["personality"], "action": "SCMP_ACT_ALLOW"}]}""";
        assertThat(decide(profile, DOCKER_20_10, "personality", 8).kind()).isEqualTo(Action.Kind.ALLOW);
    }

    @Test
    void defaultErrnoRetIsHonouredFromDocker23Only() throws Exception {
        String profile = """
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38, "architectures": ["SCMP_ARCH_X86_64"],
                 "syscalls": [{"names": ["read", "write", "reboot"], "action": "SCMP_ACT_ALLOW"}]}""";
        assertThat(decide(profile, DOCKER_20_10, "personality")).isEqualTo(Action.of(Action.Kind.ERRNO.value | 1));
        assertThat(Profile.resolve(new ObjectMapper().readTree(profile), DOCKER_DEFAULT, DOCKER_20_10).notes())
                .containsExactly("defaultErrnoRet 38 is ignored before Docker 23.0: the default action returns EPERM");
        assertThat(decide(profile, DOCKER_28, "personality")).isEqualTo(Action.of(Action.Kind.ERRNO.value | 38));
        // runc adds no stub when the default already says ENOSYS.
        assertThat(Profile.resolve(new ObjectMapper().readTree(profile), DOCKER_DEFAULT, DOCKER_28).stubAbove()).isEmpty();
        assertThat(Profile.resolve(new ObjectMapper().readTree(profile), DOCKER_DEFAULT, DOCKER_20_10).stubAbove()).isNotEmpty();
    }

    @Test
    void runcStubsTheNativeArchitectureOfAProfileWithoutArchitecturesFrom12Only() throws Exception {
        String profile = """
                {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"}]}""";
        assertThat(decide(profile, DOCKER_20_10, "mount")).isEqualTo(Action.of(Action.Kind.ERRNO.value | 1));
        assertThat(decide(profile, DOCKER_28, "mount")).isEqualTo(Action.of(Action.Kind.ERRNO.value | 38));
        String traced = profile.replace("SCMP_ACT_ERRNO", "SCMP_ACT_TRACE");
        assertThat(Profile.resolve(new ObjectMapper().readTree(traced), DOCKER_DEFAULT, DOCKER_28).stubAbove())
                .as("no stub under a permissive default").isEmpty();
    }

    @Test
    void excludesMinKernelDropsTheEntryOnNewerKernels() throws Exception {
        String profile = """
                {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW"},
                 {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "excludes": {"minKernel": "5.4"}}]}""";
        assertThat(decide(profile, Loader.of("20.10", "1.1", Arch.X86_64, "4.19.0"), "personality").kind()).isEqualTo(Action.Kind.ALLOW);
        assertThat(decide(profile, Loader.of("20.10", "1.1", Arch.X86_64, "5.10.0"), "personality").kind()).isEqualTo(Action.Kind.ERRNO);
    }

    @Test
    void socketRulesWithArgumentsAreMultiplexedOnI386AsLibseccompDoes() throws Exception {
        String profile = """
                {"defaultAction": "SCMP_ACT_ERRNO", "archMap": [{"architecture": "SCMP_ARCH_X86_64",
                 "subArchitectures": ["SCMP_ARCH_X86"]}], "syscalls": [{"names": ["read", "statx"], "action": "SCMP_ACT_ALLOW"},
                 {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"},
                  {"index": 2, "value": 0, "op": "SCMP_CMP_EQ"}]}]}""";
        Profile.Resolved resolved = Profile.resolve(new ObjectMapper().readTree(profile), DOCKER_DEFAULT, DOCKER_20_10);
        int socketcall = Arch.I386.number("socketcall").orElseThrow();
        int socket = Arch.I386.number("socket").orElseThrow();
        // socketcall(SYS_SOCKET, ...): argument 0 becomes the call, argument 2 is still compared.
        assertThat(i386(resolved, socketcall, 1, 0, 0).kind()).isEqualTo(Action.Kind.ALLOW);
        assertThat(i386(resolved, socketcall, 1, 0, 7).kind()).isEqualTo(Action.Kind.ERRNO);
        // The direct call keeps the rule as written.
        assertThat(i386(resolved, socket, 1, 0, 0).kind()).isEqualTo(Action.Kind.ALLOW);
        assertThat(i386(resolved, socket, 2, 0, 0).kind()).isEqualTo(Action.Kind.ERRNO);

        // Without statx, the highest name of i386 is read: libseccomp resolves socket to a
        // pseudo-number there, which runc's stub ignores, so both forms get ENOSYS.
        Profile.Resolved low = Profile.resolve(new ObjectMapper().readTree(profile.replace(", \"statx\"", "")), DOCKER_DEFAULT, DOCKER_20_10);
        assertThat(i386(low, socket, 1, 0, 0)).isEqualTo(Profile.ENOSYS);
        assertThat(i386(low, socketcall, 1, 0, 0)).isEqualTo(Profile.ENOSYS);
    }

    private static Action i386(Profile.Resolved resolved, int nr, long... args) throws Exception {
        SeccompData data = new SeccompData(nr, Arch.I386.audit(), 0, java.util.Arrays.copyOf(args, 6));
        Action expected = resolved.evaluate(Arch.I386, data);
        assertThat(Action.of(Emulator.run(ProfileCompiler.compile(resolved), data))).as("compiled").isEqualTo(expected);
        return expected;
    }

    @Test
    void numbersPastTheX32BitGetWhatRuncsStubAndLibseccompGiveThem() throws Exception {
        String profile = """
                {"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64"],
                 "syscalls": [{"names": ["read", "write", "reboot"], "action": "SCMP_ACT_ALLOW"}]}""";
        Program program = ProfileCompiler.compile(Profile.resolve(new ObjectMapper().readTree(profile), DOCKER_DEFAULT, DOCKER_20_10));
        java.util.function.IntFunction<Action> run = nr -> Action.of(Emulator.run(program, new SeccompData(nr, Arch.X86_64.audit(), 0, new long[6])));
        // Bit 30 clear: runc's stub answers ENOSYS. Bit 30 set: libseccomp kills (x32 is not admitted).
        assertThat(run.apply(0x80000000)).isEqualTo(Profile.ENOSYS);
        assertThat(run.apply(0xbfffffff)).isEqualTo(Profile.ENOSYS);
        assertThat(run.apply(0x40000000)).isEqualTo(Profile.BAD_ARCH);
        assertThat(run.apply(0xc0000000)).isEqualTo(Profile.BAD_ARCH);
        // -1, a call a tracer skipped, passes the stub and meets the default.
        assertThat(run.apply(-1)).isEqualTo(Action.of(Action.Kind.ERRNO.value | 1));
    }

    @Test
    void profilesDockerRefusesAreRefused() throws Exception {
        String both = """
                {"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64"],
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64"}], "syscalls": []}""";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Profile.resolve(new ObjectMapper().readTree(both), DOCKER_DEFAULT, DOCKER_20_10))
                .hasMessageContaining("both 'architectures' and 'archMap'");
        String nameAndNames = """
                {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"name": "read", "names": ["write"], "action": "SCMP_ACT_ALLOW"}]}""";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Profile.resolve(new ObjectMapper().readTree(nameAndNames), DOCKER_DEFAULT, DOCKER_20_10))
                .hasMessageContaining("both 'name' and 'names'");
    }

    @Test
    void loaderVersions() {
        assertThat(DOCKER_20_10.passesDefaultErrnoRet()).isFalse();
        assertThat(DOCKER_20_10.stubsNativeArch()).isFalse();
        assertThat(DOCKER_28.passesDefaultErrnoRet()).isTrue();
        assertThat(DOCKER_28.stubsNativeArch()).isTrue();
        Loader unknown = Loader.of(null, "banana", Arch.X86_64, null);
        assertThat(unknown.passesDefaultErrnoRet()).isTrue();
        assertThat(unknown.assumptions()).hasSize(2).anySatisfy(a -> assertThat(a).contains("'banana' not understood"));
    }

    /** Podman passes defaultErrnoRet on; its runc's version is in its own info, and crun is said to be assumed. */
    @Test
    void podmansLoaderIsReadFromItsOwnInfo() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Loader runc = Loader.ofPodman(json.readTree("{\"host\":{\"kernel\":\"6.1.0\",\"ociRuntime\":{\"name\":\"runc\","
                + "\"version\":\"runc version 1.1.5+ds1\\ncommit: 1.1.5\"}}}"), Arch.X86_64, null);
        assertThat(runc.passesDefaultErrnoRet()).isTrue();
        assertThat(runc.stubsNativeArch()).isFalse();
        assertThat(runc.kernel()).isEqualTo("6.1.0");
        assertThat(runc.assumptions()).isEmpty();

        Loader crun = Loader.ofPodman(json.readTree("{\"host\":{\"ociRuntime\":{\"name\":\"crun\",\"version\":\"crun version 1.8.1\"}}}"),
                Arch.X86_64, "6.18.0");
        assertThat(crun.stubsNativeArch()).isTrue();
        assertThat(crun.kernel()).isEqualTo("6.18.0");
        assertThat(crun.assumptions()).containsExactly("OCI runtime crun: taken to stub the native architecture as runc 1.2 does");
    }
}
