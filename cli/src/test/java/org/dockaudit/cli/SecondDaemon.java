package org.dockaudit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dockaudit.collect.EngineException;
import org.dockaudit.collect.ZerodepEngineApi;

/**
 * A dockerd of a test's own, on a scratch data root under {@code dir}, sharing the first daemon's
 * bridge without touching iptables (see DESIGN.md: {@code --bridge none} would delete docker0).
 * Stopped by the test, by its own process, and its leftover mounts undone.
 */
final class SecondDaemon implements AutoCloseable {

    final Path dir;
    final Path socket;
    private final Process process;

    private SecondDaemon(Path dir, Path socket, Process process) {
        this.dir = dir;
        this.socket = socket;
        this.process = process;
    }

    static SecondDaemon start(Path dir, List<String> options) throws Exception {
        Path socket = dir.resolve("docker.sock");
        List<String> command = new ArrayList<>(List.of("dockerd",
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("docker.pid").toString(),
                "--bridge", "docker0", "--iptables=false", "--ip-masq=false",
                "-H", "unix://" + socket));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("dockerd.log").toFile()).start();
        SecondDaemon daemon = new SecondDaemon(dir, socket, process);
        for (int i = 0; i < 120; i++) {
            if (Files.exists(socket)) {
                try (ZerodepEngineApi engine = ZerodepEngineApi.open("unix://" + socket, 1)) {
                    engine.get("/version");
                    return daemon;
                } catch (EngineException e) {
                    // The socket exists before the API answers on it.
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        daemon.close();
        throw new AssertionError("second dockerd did not start: " + Files.readString(dir.resolve("dockerd.log")));
    }

    String host() {
        return "unix://" + socket;
    }

    /** The docker CLI, against this daemon. */
    String docker(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "-H", host()));
        command.addAll(List.of(arguments));
        return Commands.run(command, 120);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        // dockerd bind-mounts its data root onto itself and leaves it when it stops on an error.
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String mountPoint = line.split(" ")[1];
            if (mountPoint.startsWith(dir.toString() + "/")) {
                Commands.run(List.of("umount", mountPoint), 60);
            }
        }
    }
}
