package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trace and harden on a real engine and kernel, with the talk's workload: busybox httpd binds
 * port 80 as root, then drops to uid 1000. Docker 20.10 lets containers bind any port
 * (ip_unprivileged_port_start=0), so it needs exactly SETUID and SETGID; with the sysctl at 1024
 * it also needs NET_BIND_SERVICE, the talk's nginx result.
 */
class HardenIT {

    static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    private static final String PREFIX = "harden-" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";
    private static final Path PROJECT = Path.of(System.getProperty("dockaudit.project", ".."));
    private static final Path INSTANCES = Path.of("/sys/kernel/tracing/instances");
    private static final String HTTPD = "mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 80 -u 1000:1000 -h /www";
    private static final String VERIFY = "busybox wget -q -O- http://{ip}/";

    /** Whether tracefs was mounted before the tests: a run killed with SIGKILL leaves the mount it made, to undo here. */
    private static boolean tracefsMounted;

    @BeforeAll
    static void startWorkloads() throws Exception {
        tracefsMounted = Files.isDirectory(INSTANCES);
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "httpd", LabIT.IMAGE, "sh", "-c", HTTPD);
        docker("run", "-d", "--label", LABEL, "--name", PREFIX + "httpd1024", "--sysctl", "net.ipv4.ip_unprivileged_port_start=1024",
                LabIT.IMAGE, "sh", "-c", HTTPD);
    }

    @AfterAll
    static void removeContainers() throws Exception {
        Commands.removeLabelled(LABEL);
        if (!tracefsMounted && Files.isDirectory(INSTANCES)) {
            Commands.run(List.of("umount", INSTANCES.getParent().toString()), 30);
        }
    }

    @Test
    void theHttpdOfTheTalkNeedsExactlySetuidAndSetgidEachProven(@TempDir Path dir) throws Exception {
        JsonNode plan = harden(dir, PREFIX + "httpd", 0, "--trace", "3s", "--verify", VERIFY, "--minimise", "--budget", "60s");

        assertThat(capabilities(plan)).containsExactly("SETGID", "SETUID");
        assertThat(plan.path("proof").path("provenNeeded").toString()).as("httpd's own calls").contains("bind: without it",
                "accept: without it");
        assertThat(plan.path("proof").path("passed").asBoolean()).isTrue();
        assertThat(plan.path("proof").path("provenNeeded").toString()).contains("CAP_SETGID: without it", "CAP_SETGID refused",
                "CAP_SETUID: without it", "CAP_SETUID refused");
        assertThat(plan.path("command").toString()).contains("\"--cap-drop\",\"ALL\"", "no-new-privileges");
        assertNothingLeft();
    }

    @Test
    void withUnprivilegedPortsFromTwentyFourItAlsoNeedsNetBindServiceAsNginxDoesInTheTalk(@TempDir Path dir) throws Exception {
        JsonNode plan = harden(dir, PREFIX + "httpd1024", 0, "--trace", "3s", "--verify", VERIFY, "--minimise", "caps");

        assertThat(capabilities(plan)).containsExactly("NET_BIND_SERVICE", "SETGID", "SETUID");
        assertThat(plan.path("proof").path("provenNeeded").toString()).contains("CAP_NET_BIND_SERVICE refused");
        assertThat(plan.path("command").toString()).as("the sysctl is the original's and stays")
                .contains("net.ipv4.ip_unprivileged_port_start=1024");
    }

    @Test
    void aCallOutsideTheProfileFailsTheVerificationAndIsNamed(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.json");
        run(dir, 0, "trace", PREFIX + "httpd", "--duration", "3s", "--format", "json", "-o", trace.toString());
        ObjectNode saved = (ObjectNode) Json.MAPPER.readTree(trace.toFile());
        // bind: httpd's own, not one of the calls runc makes after loading the filter (setgroups is).
        assertThat(saved.path("syscalls").path("x86_64").has("bind")).isTrue();
        ((ObjectNode) saved.path("syscalls").path("x86_64")).remove("bind");
        Files.writeString(trace, saved.toString());

        JsonNode plan = harden(dir, PREFIX + "httpd", 1, "--from", trace.toString(), "--verify", VERIFY, "--wait", "5s");

        assertThat(plan.path("proof").path("passed").asBoolean()).isFalse();
        assertThat(plan.path("proof").path("failure").asText()).contains("bind (x86_64) refused by the profile");
        assertNothingLeft();
    }

    @Test
    void aProcessStartedWithDockerExecIsInTheTrace(@TempDir Path dir) throws Exception {
        // The exec waits for the trace to be in place, however long it takes to start on a fresh
        // machine (tracefs mounted, its events switched on): a fixed wait raced it on a clean clone.
        Path out = dir.resolve("trace.json");
        Process tracing = new ProcessBuilder(command("trace", PREFIX + "httpd", "--attach", "--duration", "6s", "--format", "json"))
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        waitForInstance(tracing.pid());
        Thread.sleep(1000);
        docker("exec", PREFIX + "httpd", "cat", "/www/index.html");
        assertThat(tracing.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tracing.exitValue()).isZero();
        JsonNode trace = Json.MAPPER.readTree(out.toFile());

        assertThat(trace.path("mode").asText()).isEqualTo("attach");
        assertThat(trace.path("processes").toString()).contains("/bin/cat");
        // httpd waits in accept meanwhile: the file is opened by cat alone.
        assertThat(trace.path("syscalls").path("x86_64").has("openat")).isTrue();
        assertNothingLeft();
    }

    @Test
    void theTracingInstanceAndTheCopyGoOnSigintAndASigkilledRunsAreCleanedByTheNext(@TempDir Path dir) throws Exception {
        Process interrupted = start(dir, "trace", PREFIX + "httpd", "--duration", "60s");
        waitForInstance(interrupted.pid());
        Runtime.getRuntime().exec(new String[] {"kill", "-INT", Long.toString(interrupted.pid())}).waitFor();
        assertThat(interrupted.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertNothingLeft();

        Process killed = start(dir, "trace", PREFIX + "httpd", "--duration", "60s");
        waitForInstance(killed.pid());
        Thread.sleep(1000);
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(Files.exists(INSTANCES.resolve("dockaudit-" + killed.pid()))).as("SIGKILL runs nothing").isTrue();
        assertThat(copies()).as("the killed run's copy").isNotEmpty();

        String next = runWithErrors(dir, "trace", PREFIX + "httpd", "--duration", "1s");
        assertThat(next).contains("removed the tracing instance " + INSTANCES.resolve("dockaudit-" + killed.pid()),
                "left by a dockaudit run that was killed");
        assertNothingLeft();
    }

    @Test
    void badInputIsOneLineWithItsExitCode(@TempDir Path dir) throws Exception {
        assertThat(runWithErrors(dir, "trace", PREFIX + "no-such-container", "--duration", "1s"))
                .contains("exit 2", "no container '" + PREFIX + "no-such-container'");
        docker("create", "--label", LABEL, "--name", PREFIX + "stopped", LabIT.IMAGE);
        assertThat(runWithErrors(dir, "trace", PREFIX + "stopped", "--attach", "--duration", "1s"))
                .contains("exit 2", "is not running");
        Path notTrace = dir.resolve("not-a-trace.json");
        Files.writeString(notTrace, "{\"mode\": ");
        assertThat(runWithErrors(dir, "harden", PREFIX + "httpd", "--from", notTrace.toString()))
                .contains("exit 2", notTrace + ": not a dockaudit trace");
        assertThat(runWithErrors(dir, "trace", PREFIX + "httpd", "--duration", "1s", "--tracefs", dir.resolve("none").toString()))
                .contains("exit 3", "cannot be mounted");
        // Not root: the socket is root's here, and tracefs would be.
        List<String> asNobody = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        asNobody.addAll(command("trace", PREFIX + "httpd", "--duration", "1s"));
        Process nobody = new ProcessBuilder(asNobody).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(false).start();
        String errors = new String(nobody.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(nobody.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(nobody.exitValue()).as(errors).isEqualTo(3);
        assertThat(errors.strip().lines()).singleElement().asString().containsAnyOf("permission denied", "needs root");
        assertNothingLeft();
    }

    private static List<String> capabilities(JsonNode plan) {
        List<String> added = new ArrayList<>();
        plan.path("settings").forEach(setting -> {
            if (setting.path("flag").asText().startsWith("--cap-add ")) {
                added.add(setting.path("flag").asText().substring("--cap-add ".length()));
            }
        });
        return added;
    }

    private static void assertNothingLeft() throws Exception {
        // tracefs unmounted again (a trace mounts it when it is not, and unmounts it after): no instance at all.
        if (Files.isDirectory(INSTANCES)) {
            try (var instances = Files.list(INSTANCES)) {
                assertThat(instances.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("dockaudit-"));
            }
        }
        assertThat(copies()).isEmpty();
    }

    private static List<String> copies() throws Exception {
        String names = Commands.run(List.of("docker", "ps", "-a", "--filter", "label=org.dockaudit.copy-of", "--format", "{{.Names}}"), 60);
        return names.lines().filter(name -> name.startsWith(PREFIX)).toList();
    }

    private static void waitForInstance(long pid) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(INSTANCES.resolve("dockaudit-" + pid)); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.exists(INSTANCES.resolve("dockaudit-" + pid))).as("the tracing instance of pid " + pid).isTrue();
    }

    private static JsonNode harden(Path dir, String container, int exitCode, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("harden", container, "--format", "json", "--profile", dir.resolve("profile.json").toString()));
        args.addAll(List.of(options));
        return Json.MAPPER.readTree(run(dir, exitCode, args.toArray(String[]::new)));
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-jar", PROJECT.resolve("cli/target/dockaudit.jar").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Process start(Path dir, String... args) throws Exception {
        return new ProcessBuilder(command(args)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String run(Path dir, int exitCode, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command(args)).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args) + ": " + Files.readString(err)).isEqualTo(exitCode);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Standard error, and the exit code as "exit N". */
    private static String runWithErrors(Path dir, String... args) throws Exception {
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command(args)).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(errors).doesNotContain("\tat ", "Exception");
        return errors + "exit " + process.exitValue();
    }

    private static void docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Commands.run(command, 60);
    }
}
