package org.dockaudit.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.dockaudit.collect.CollectException;
import org.dockaudit.collect.LiveCollector;
import org.dockaudit.collect.EngineApi;
import org.dockaudit.model.Snapshot;
import org.dockaudit.report.Terminal;
import picocli.CommandLine.Option;

/** How to reach the audited host: its daemon and its file systems. */
final class HostOptions {

    @Option(names = {"-H", "--host"}, paramLabel = "URI",
            description = "Docker daemon to audit (default: $DOCKER_HOST, else " + EngineApi.DEFAULT_HOST + ").")
    String host;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "/", hidden = true,
            description = "Root under which /proc and /sys are read (for tests on fixture trees).")
    Path root;

    @Option(names = "--host-root", paramLabel = "DIR",
            description = "The audited host's root file system is mounted at DIR: dockaudit runs in a container given"
                    + " `-v /:DIR:ro` (see the README). Its kernel is the host's; its seccomp filters are read when the"
                    + " container also has --pid=host and CAP_SYS_PTRACE.")
    Path hostRoot;

    @Option(names = "--parallelism", paramLabel = "N", hidden = true,
            description = "Concurrent API calls and /proc readers (default: twice the processors, at least 4).")
    Integer parallelism;

    /**
     * Twice the processors: a reader waits on the daemon about half the time. More only queue for
     * the CPU, with the daemon that answers them (on 2 cores, 16 readers made an audit slower).
     */
    private int parallelism() {
        return parallelism != null ? parallelism : defaultParallelism();
    }

    /** Readers when none is asked: twice the processors, at least 4 (the engine answers while /proc is read). */
    static int defaultParallelism() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Longest wait for one answer of the daemon, body included (30s, 500ms, 2m; default: ${DEFAULT-VALUE}); "
                    + "past it, exit 3 naming the daemon.")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Longest wait for a connection to the daemon (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--no-seccomp-dump", description = "Do not read the seccomp filters of running containers "
            + "(reading them stops each container's init for microseconds with ptrace).")
    boolean noSeccompDump;

    /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, or seconds alone; zero and negative are refused. */
    static Duration duration(String text) {
        java.util.regex.Matcher parts = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)?").matcher(text.strip());
        if (!parts.matches() || Long.parseLong(parts.group(1)) == 0) {
            throw new picocli.CommandLine.TypeConversionException("'" + text + "' is not a positive duration (30s, 500ms, 2m)");
        }
        long amount = Long.parseLong(parts.group(1));
        return switch (parts.group(2) == null ? "s" : parts.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    String endpoint(Console console) throws UserError {
        return endpoint(host, console);
    }

    /** {@code -H} when given, else a non-blank $DOCKER_HOST, else the local socket. */
    static String endpoint(String host, Console console) throws UserError {
        String fromEnvironment = console.environment().get("DOCKER_HOST");
        String endpoint = host != null ? host
                : fromEnvironment == null || fromEnvironment.isBlank() ? EngineApi.DEFAULT_HOST : fromEnvironment;
        // The transport speaks plain HTTP: a TLS daemon would see garbage, and ignoring the wish would mislead.
        String verify = console.environment().getOrDefault("DOCKER_TLS_VERIFY", "");
        if (endpoint.startsWith("tcp://") && !verify.isBlank() && !verify.equals("0")) {
            throw new UserError(ExitCode.CANNOT_COLLECT, "DOCKER_TLS_VERIFY is set for " + endpoint + ", and dockaudit does not "
                    + "speak TLS to the daemon yet: run it on the daemon's host, over its unix socket");
        }
        return endpoint;
    }

    Snapshot collect(Console console) throws UserError {
        try (ProgressLine progress = console.progressLine()) {
            // The launcher's exec keeps its pid: from the launcher's start.
            new org.dockaudit.collect.ProcFs(Path.of("/")).ownAge().ifPresent(age -> console.detail(String.format(
                    "started (launcher, JVM and command line) in %.2f s", age.toMillis() / 1e3)));
            long start = System.nanoTime();
            if (hostRoot != null && !java.nio.file.Files.isDirectory(hostRoot.resolve("proc/1"))) {
                throw new UserError(ExitCode.CANNOT_COLLECT, "--host-root " + hostRoot + ": no host /proc under it (mount the host's"
                        + " root there: -v /:" + hostRoot + ":ro)");
            }
            Path readRoot = hostRoot != null ? hostRoot : root;
            LiveCollector.Collected collected = LiveCollector.collect(endpoint(console), connectTimeout, timeout, readRoot,
                    hostRoot != null || root.equals(Path.of("/")), parallelism(), !noSeccompDump, progress);
            progress.close();
            console.detail(String.format("collected %d containers and %d images in %.2f s (%s)", collected.snapshot().containers().size(),
                    collected.snapshot().images().size(), (System.nanoTime() - start) / 1e9, collected.steps()));
            collected.diagnostics().forEach(diagnostic -> console.info(Terminal.escape(diagnostic)));
            return collected.snapshot();
        } catch (CollectException e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
        }
    }
}
