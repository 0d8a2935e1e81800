package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.model.Json;
import org.dockaudit.seccomp.Action;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.Emulator;
import org.dockaudit.seccomp.Loader;
import org.dockaudit.seccomp.Policy;
import org.dockaudit.seccomp.PolicyDiff;
import org.dockaudit.seccomp.Profile;
import org.dockaudit.seccomp.ProfileCompiler;
import org.dockaudit.seccomp.Program;
import org.dockaudit.seccomp.SeccompData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve real public profiles (moby 17.03 to its profiles HEAD, containers/common, a Chrome
 * profile; see {@code profiles/README.md}) and one that {@code seccomp generate} writes, loaded by
 * the real engine: the filter dockaudit compiles
 * for the engine's Docker and runc versions decides as the filter dumped from the container, on
 * every syscall of every architecture (exact comparison of the analyses) and on sampled
 * arguments (both filters run). The audit's KRN-024 then passes on every one of them.
 */
class RealProfilesIT {

    static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    /** Not public: one `seccomp generate` writes, x86_64 only, whose stub meets libseccomp's arch check. */
    static final String GENERATED = "generated";
    static final List<String> PROFILES = List.of("moby-17.03.0-ce", "moby-18.09.0", "moby-19.03.0", "moby-20.10.0",
            "moby-20.10.24", "moby-23.0.0", "moby-25.0.0", "moby-26.0.0", "moby-28.3.0", "moby-profiles-HEAD",
            "containers-common", "chrome", GENERATED);

    @TempDir
    static Path dir;
    static final Map<String, String> CONTAINERS = new LinkedHashMap<>();
    static Loader loader;

    @BeforeAll
    static void startOneContainerPerProfile() throws Exception {
        JsonNode server = Json.MAPPER.readTree(Commands.run(List.of("docker", "version", "--format", "{{json .Server}}"), 30));
        String runc = null;
        for (JsonNode component : server.path("Components")) {
            if (component.path("Name").asText().equals("runc")) {
                runc = component.path("Version").asText();
            }
        }
        loader = Loader.of(server.path("Version").asText(), runc, Arch.X86_64, server.path("KernelVersion").asText());
        assertThat(loader.assumptions()).as("the engine's versions are read").isEmpty();
        String run = Long.toHexString(System.nanoTime() & 0xffffff);
        for (String profile : PROFILES) {
            Path file = dir.resolve(profile + ".json");
            if (profile.equals(GENERATED)) {
                Cli generate = Cli.run("seccomp", "generate", "--syscalls", "read,write,open,openat,close,fstat,newfstatat,exit_group,"
                        + "arch_prctl,set_tid_address,brk,mmap,munmap,mprotect,rt_sigaction,rt_sigprocmask,getuid,geteuid,ioctl",
                        "-o", file.toString());
                assertThat(generate.exitCode()).as(generate.err()).isZero();
            } else {
                try (InputStream in = RealProfilesIT.class.getResourceAsStream("/profiles/" + profile + ".json")) {
                    Files.write(file, in.readAllBytes());
                }
            }
            String name = "profile-" + profile.replace('.', '-') + "-" + run;
            // cat blocked in read: a stop resumes it with the same call, so even a profile that
            // denies restart_syscall (Chrome's) can be dumped.
            Commands.run(List.of("docker", "run", "-d", "-i", "--label", LABEL, "--name", name,
                    "--security-opt", "seccomp=" + file, LabIT.IMAGE, "cat"), 60);
            CONTAINERS.put(profile, name);
        }
    }

    @AfterAll
    static void removeContainers() throws Exception {
        Commands.removeLabelled(LABEL);
    }

    @Test
    void compiledAndDumpedFiltersDecideAlikeOnEveryRealProfile() throws Exception {
        List<String> disagreements = new ArrayList<>();
        for (String profile : PROFILES) {
            List<Program> dumped = dump(CONTAINERS.get(profile));
            Program compiled = compile(profile, loader);
            List<PolicyDiff.Difference> differences = PolicyDiff.between(List.of(compiled), Policy.of(compiled), dumped, Policy.of(dumped.getFirst()));
            differences.stream().limit(3).forEach(d -> disagreements.add(profile + ": " + d));
            disagreements.addAll(sampled(profile, compiled, dumped));
        }
        assertThat(disagreements).isEmpty();
    }

    /** The comparison can fail: the same profiles compiled for today's Docker and runc do not match this engine on all of them. */
    @Test
    void anotherEngineVersionGivesAnotherFilter() throws Exception {
        Loader today = Loader.current(Arch.X86_64, loader.kernel());
        List<String> differing = new ArrayList<>();
        for (String profile : List.of("containers-common", "chrome")) {
            Program compiled = compile(profile, today);
            List<Program> dumped = dump(CONTAINERS.get(profile));
            if (!PolicyDiff.between(List.of(compiled), Policy.of(compiled), dumped, Policy.of(dumped.getFirst())).isEmpty()) {
                differing.add(profile);
            }
        }
        // containers/common asks ENOSYS by default, which Docker 20.10 ignores; Chrome's profile
        // lists no architecture, which runc 1.1 does not stub. Where the engine is newer, both match.
        boolean oldEngine = !loader.passesDefaultErrnoRet() && !loader.stubsNativeArch();
        assertThat(differing).isEqualTo(oldEngine ? List.of("containers-common", "chrome") : List.of());
    }

    /** `seccomp diff profile.json CONTAINER` compiles the profile for that container's engine. */
    @Test
    void theDiffOfAProfileAndItsContainerComparesLikeWithLike() {
        for (String profile : List.of("containers-common", "chrome")) {
            String file = dir.resolve(profile + ".json").toString();
            Cli same = Cli.run("seccomp", "diff", file, CONTAINERS.get(profile));
            assertThat(same.exitCode()).as(profile + ": " + same.out() + same.err()).isZero();
            if (!loader.passesDefaultErrnoRet() && !loader.stubsNativeArch()) {
                Cli today = Cli.run("seccomp", "diff", file, CONTAINERS.get(profile), "--docker-version", "28.0", "--runc-version", "1.3");
                assertThat(today.exitCode()).as(profile + " compiled for today's Docker and runc").isEqualTo(1);
            }
        }
    }

    @Test
    void theAuditFindsEveryInstalledFilterFaithfulToItsProfile() throws Exception {
        Path report = dir.resolve("report.json");
        assertThat(Cli.run("audit", "--format", "json", "-o", report.toString()).exitCode()).isIn(0, 1);

        Map<String, String> outcomes = new LinkedHashMap<>();
        for (JsonNode check : Json.MAPPER.readTree(report.toFile()).path("checks")) {
            if (check.path("id").asText().equals("KRN-024") && CONTAINERS.containsValue(check.path("target").path("name").asText())) {
                outcomes.put(check.path("target").path("name").asText(), check.path("outcome").asText());
            }
        }
        assertThat(outcomes).hasSize(PROFILES.size());
        assertThat(new TreeSet<>(outcomes.values())).containsExactly("pass");
    }

    private static Program compile(String profile, Loader loader) throws Exception {
        JsonNode json = Json.MAPPER.readTree(dir.resolve(profile + ".json").toFile());
        return ProfileCompiler.compile(Profile.resolve(json, DockerDefaults.CAPABILITIES, loader));
    }

    private static List<Program> dump(String container) throws Exception {
        Path file = dir.resolve(container + ".bpf");
        Cli dump = Cli.run("seccomp", "dump", container, "-o", file.toString());
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        assertThat(Files.exists(Path.of(file + ".1"))).as("one filter on " + container).isFalse();
        return List.of(Program.decode(Files.readAllBytes(file)));
    }

    /**
     * Both filters run on every number of 0 to 1023 (and x32's) and on the edges past the x32 and
     * sign bits, with arguments built from the profile's constants.
     */
    private static List<String> sampled(String profile, Program compiled, List<Program> dumped) throws Exception {
        List<Long> constants = new ArrayList<>(List.of(0L, 1L, 8L, 0xffffffffL, 0x1_0000_0000L, -1L));
        Json.MAPPER.readTree(dir.resolve(profile + ".json").toFile()).path("syscalls")
                .forEach(entry -> entry.path("args").forEach(arg -> {
                    constants.add(arg.path("value").asLong());
                    constants.add(arg.path("valueTwo").asLong());
                }));
        Random random = new Random(profile.hashCode());
        List<String> disagreements = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int nr = 0; nr < 1024; nr++) {
            numbers.add(nr);
        }
        // Past the x32 bit and the sign bit, where runc's stub and libseccomp's arch check meet.
        numbers.addAll(List.of(0x3fffffff, 0x7fffffff, 0x80000000, 0x80000001, 0xbfffffff, 0xc0000000, 0xfffffffe, -1));
        for (Arch arch : List.of(Arch.X86_64, Arch.I386, Arch.X32)) {
            int base = arch == Arch.X32 ? Arch.X32_SYSCALL_BIT : 0;
            for (int nr : numbers) {
                if (disagreements.size() >= 5) {
                    break;
                }
                for (int sample = 0; sample < 4; sample++) {
                    long[] args = new long[6];
                    for (int i = 0; i < 6; i++) {
                        long constant = constants.get(random.nextInt(constants.size()));
                        args[i] = random.nextInt(4) == 0 ? constant + 1 : constant;
                    }
                    SeccompData data = new SeccompData(nr < 1024 ? base + nr : nr, arch.audit(), 0, args);
                    Action ours = Action.of(Emulator.run(compiled, data));
                    Action installed = Emulator.runAll(dumped, data);
                    if (!ours.equals(installed)) {
                        disagreements.add(profile + ": " + arch.id() + " nr " + nr + " " + java.util.Arrays.toString(args)
                                + ": compiled " + ours + ", installed " + installed);
                    }
                }
            }
        }
        return disagreements;
    }
}
