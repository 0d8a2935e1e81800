package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dockaudit.model.Json;
import org.dockaudit.seccomp.Arch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seccomp on the real engine: a profile dockaudit compiles decides exactly as the filter runc and
 * libseccomp install for it (dumped from the container), with the capabilities the profile's
 * includes depend on; a generated profile starts a container only with runc's own syscalls.
 */
class SeccompIT {

    static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    static final String IMAGE = LabIT.IMAGE;
    private static final Set<String> DENIED = Set.of("mount", "umount2", "ptrace", "reboot", "kexec_load", "init_module",
            "finit_module", "bpf", "personality", "clone", "socket", "unshare", "setns");

    @TempDir
    Path dir;

    @AfterAll
    static void removeContainers() throws Exception {
        Commands.removeLabelled(LABEL);
    }

    /** Every x86_64 syscall but a few, then the rules of the sample profile (args, caps, arches, errno). */
    private Path labProfile() throws IOException {
        ObjectNode profile = (ObjectNode) Json.MAPPER.readTree(getClass().getResourceAsStream("/seccomp/sample-profile.json"));
        ObjectNode everything = Json.MAPPER.createObjectNode();
        ArrayNode names = everything.putArray("names");
        Arch.X86_64.syscalls().values().stream().filter(name -> !DENIED.contains(name)).forEach(names::add);
        everything.put("action", "SCMP_ACT_ALLOW");
        ((ArrayNode) profile.get("syscalls")).insert(0, everything);
        Path file = dir.resolve("profile.json");
        Json.MAPPER.writeValue(file.toFile(), profile);
        return file;
    }

    @Test
    void compiledProfileMatchesTheFilterRuncInstalled() throws Exception {
        Path profile = labProfile();
        String name = "seccomp-" + Long.toHexString(System.nanoTime());
        run(List.of("docker", "run", "-d", "--label", LABEL, "--name", name, "--security-opt", "seccomp=" + profile, IMAGE));
        Path dump = dir.resolve("dump.bpf");
        assertThat(Cli.run("seccomp", "dump", name, "-o", dump.toString()).exitCode()).isZero();

        Cli same = Cli.run("seccomp", "diff", profile.toString(), dump.toString());

        assertThat(same.out()).as(same.out() + same.err()).contains("same decisions on every syscall of every architecture");
        assertThat(same.exitCode()).isZero();
    }

    @Test
    void capabilitiesChangeTheFilterAndTheDiffSaysWhere() throws Exception {
        Path profile = labProfile();
        String name = "seccomp-admin-" + Long.toHexString(System.nanoTime());
        run(List.of("docker", "run", "-d", "--label", LABEL, "--name", name, "--cap-add", "SYS_ADMIN",
                "--security-opt", "seccomp=" + profile, IMAGE));
        Path dump = dir.resolve("admin.bpf");
        assertThat(Cli.run("seccomp", "dump", name, "-o", dump.toString()).exitCode()).isZero();

        Cli withCaps = Cli.run("seccomp", "diff", profile.toString(), dump.toString(), "--caps",
                "CAP_SYS_ADMIN,CHOWN,DAC_OVERRIDE,FSETID,FOWNER,MKNOD,NET_RAW,SETGID,SETUID,SETFCAP,SETPCAP,NET_BIND_SERVICE,SYS_CHROOT,KILL,AUDIT_WRITE");
        Cli withoutCaps = Cli.run("seccomp", "diff", profile.toString(), dump.toString());

        assertThat(withCaps.exitCode()).as(withCaps.out()).isZero();
        assertThat(withoutCaps.exitCode()).isEqualTo(1);
        assertThat(withoutCaps.out()).contains("mount (165): A errno(1); B allowed");
    }

    @Test
    void aContainerThatDoesNotRunIsAnalysedWithTheFilterItWillGet() throws Exception {
        String name = "seccomp-created-" + Long.toHexString(System.nanoTime());
        run(List.of("docker", "create", "--label", LABEL, "--name", name, IMAGE));

        Cli analyze = Cli.run("seccomp", "analyze", name);

        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.err()).contains("is not running: analysing the filter its configuration will give it");
        assertThat(analyze.out()).as("Docker 20.10's default, as the audit analyses it").contains("974 instructions");
    }

    @Test
    void dumpSaysWhyItCannot() throws Exception {
        // Started through a shell so that it is not this JVM's child (the JDK reaps its children).
        long pid = Long.parseLong(run(List.of("sh", "-c", "sleep 30 > /dev/null 2>&1 & echo $!")).trim());
        try {
            // No filter is a result: nothing to write, and analysing it reads a filter that allows everything.
            Cli cli = Cli.run("seccomp", "dump", "--pid", Long.toString(pid), "-o", dir.resolve("none.bpf").toString());
            assertThat(cli.exitCode()).isZero();
            assertThat(cli.err().lines()).containsExactly("dockaudit: pid " + pid + " has no seccomp filter: every system call is allowed");
            assertThat(dir.resolve("none.bpf")).doesNotExist();
            Cli analyze = Cli.run("seccomp", "analyze", Long.toString(pid));
            assertThat(analyze.exitCode()).isZero();
            assertThat(analyze.out()).contains("x86_64: coverage 100.0%");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("detached, still running").contains(true);
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
        Cli gone = Cli.run("seccomp", "dump", "--pid", "999999999", "-o", dir.resolve("gone.bpf").toString());
        assertThat(gone.err()).contains("no such process");
    }

    @Test
    void generatedProfileStartsOnlyWithWhatRuncNeeds() throws Exception {
        String application = "execve,brk,arch_prctl,set_tid_address,nanosleep,clock_nanosleep,exit_group,getuid,getpid,"
                + "rt_sigaction,rt_sigprocmask,mmap,munmap,read,write,close,ioctl";
        Path withRunc = dir.resolve("with-runc.json");
        assertThat(Cli.run("seccomp", "generate", "--syscalls", application, "-o", withRunc.toString()).exitCode()).isZero();
        ObjectNode alone = (ObjectNode) Json.MAPPER.readTree(withRunc.toFile());
        ArrayNode names = Json.MAPPER.createArrayNode();
        List.of(application.split(",")).forEach(names::add);
        ((ObjectNode) alone.get("syscalls").get(0)).set("names", names);
        Path applicationOnly = dir.resolve("application-only.json");
        Json.MAPPER.writeValue(applicationOnly.toFile(), alone);

        int started = exitCode(List.of("docker", "run", "--rm", "--label", LABEL, "--security-opt", "seccomp=" + withRunc, IMAGE, "/bin/sleep", "0"));
        int refused = exitCode(List.of("docker", "run", "--rm", "--label", LABEL, "--security-opt", "seccomp=" + applicationOnly, IMAGE, "/bin/sleep", "0"));

        assertThat(started).as("the runtime started the container (125 is docker's own failure)").isNotEqualTo(125);
        assertThat(refused).as("runc cannot finish starting the container").isEqualTo(125);
    }

    private static int exitCode(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return Commands.run(command, 120);
    }
}
