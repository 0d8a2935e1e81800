package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeccompCommandTest {

    private static final String DEFAULT_FILTER = Path.of("..", "core", "src", "main", "resources", "org", "dockaudit", "seccomp",
            "reference", "docker-20.10-default-x86_64.bpf").toString();

    @Test
    void truncatedFilterIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.bpf");
        Files.write(file, new byte[] {0x06, 0, 0, 0, 0, 0, (byte) 0xff});

        Cli cli = Cli.run("seccomp", "analyze", file.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().lines()).containsExactly("dockaudit: " + file + ": truncated filter: 7 bytes is not a whole number of 8-byte instructions");
    }

    @Test
    void queryExitCodes() {
        assertThat(Cli.run("seccomp", "query", DEFAULT_FILTER, "--arch", "x86_64", "--syscall", "clone", "--arg0", "0x11").exitCode()).isZero();
        Cli newUser = Cli.run("seccomp", "query", DEFAULT_FILTER, "--arch", "x86_64", "--syscall", "clone", "--arg0", "0x10000000");
        assertThat(newUser.exitCode()).isEqualTo(1);
        assertThat(newUser.out()).startsWith("no:");
        assertThat(Cli.run("seccomp", "query", DEFAULT_FILTER, "--arch", "sparc", "--syscall", "read").err()).contains("unknown architecture 'sparc'");
    }

    @Test
    void emulateAndDisassemble() {
        assertThat(Cli.run("seccomp", "emulate", DEFAULT_FILTER, "--arch", "i386", "--syscall", "socketcall").out()).startsWith("allow");
        assertThat(Cli.run("seccomp", "emulate", DEFAULT_FILTER, "--arch", "aarch64", "--syscall", "read").out()).startsWith("kill_thread");
        assertThat(Cli.run("seccomp", "disasm", DEFAULT_FILTER).out().lines()).hasSize(974);
    }

    @Test
    void analyzeJsonHasTheDocumentedShape() throws Exception {
        var json = org.dockaudit.model.Json.MAPPER.readTree(Cli.run("seccomp", "analyze", DEFAULT_FILTER, "--format", "json").out());
        assertThat(json.path("arches").path("x86_64").path("always").get(0).path("name").asText()).isEqualTo("read");
        assertThat(json.path("arches").path("x86_64").path("conditional").findValuesAsText("name")).contains("clone", "personality");
        assertThat(json.path("arches").path("x86_64").path("denied").path("errno(1)").findValuesAsText("name")).contains("init_module");
        assertThat(json.path("refusedArches").path("aarch64").asText()).isEqualTo("kill_thread");
    }

    @Test
    void generateFromStraceWithSeveralAbis(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("strace.txt");
        Files.writeString(trace, """
                % time     seconds  usecs/call     calls    errors syscall
                ------ ----------- ----------- --------- --------- ----------------
                 38.21    0.030050           7      4519         4 openat
                 24.33    0.019129           4      4576           close
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.078637                 16097       128 total
                System call usage summary for 32 bit mode:
                % time     seconds  usecs/call     calls    errors syscall
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.000010          10         1           socketcall
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.000010                     1           total
                """);

        Cli cli = Cli.run("seccomp", "generate", "--from-strace", trace.toString());

        assertThat(cli.exitCode()).isZero();
        var profile = org.dockaudit.model.Json.MAPPER.readTree(cli.out());
        assertThat(profile.path("archMap").get(0).path("subArchitectures").get(0).asText()).isEqualTo("SCMP_ARCH_X86");
        assertThat(profile.path("syscalls").get(0).path("names").toString()).contains("openat", "socketcall", "capset", "execve")
                .doesNotContain("total");
    }

    @Test
    void compiledProfileIsAValidFilter(@TempDir Path dir) {
        Path output = dir.resolve("sample.bpf");
        Cli cli = Cli.run("seccomp", "compile", Path.of("src/test/resources/seccomp/sample-profile.json").toString(), "-o", output.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Cli.run("seccomp", "diff", Path.of("src/test/resources/seccomp/sample-profile.json").toString(), output.toString()).exitCode()).isZero();
    }
}
