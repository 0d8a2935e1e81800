package org.dockaudit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The external commands integration tests drive (docker, openssl, curl, umount). */
final class Commands {

    private Commands() {}

    /** Standard output and error of a command that must succeed within the timeout; else a failure naming it. */
    static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** Removes the containers that carry this run's label: only what the test made. */
    static void removeLabelled(String label) throws IOException, InterruptedException {
        String ids = run(List.of("docker", "ps", "-aq", "--filter", "label=" + label), 60).trim();
        if (!ids.isEmpty()) {
            List<String> command = new java.util.ArrayList<>(List.of("docker", "rm", "-f"));
            command.addAll(List.of(ids.split("\\s+")));
            run(command, 60);
        }
    }
}
