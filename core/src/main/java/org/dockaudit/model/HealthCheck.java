package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A container's health check, as the daemon runs it. */
public final class HealthCheck {

    private HealthCheck() {}

    /**
     * The action of the {@code exec_create} event each run of the container's health check makes
     * ({@code exec_create: /bin/sh -c curl -f localhost}): the daemon runs every check as an exec
     * of its command, which is no one's session. Empty when the container has no health check.
     */
    public static Optional<String> execAction(JsonNode inspect) {
        // Most containers have no health check, and older inspects no Shell: absent is not unknown here.
        List<String> test = new ArrayList<>();
        inspect.path("Config").path("Healthcheck").path("Test").forEach(part -> test.add(part.asText()));
        if (test.size() < 2 || !(test.getFirst().equals("CMD") || test.getFirst().equals("CMD-SHELL"))) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        if (test.getFirst().equals("CMD-SHELL")) {
            List<String> shell = new ArrayList<>();
            inspect.path("Config").path("Shell").forEach(part -> shell.add(part.asText()));
            command.addAll(shell.isEmpty() ? List.of("/bin/sh", "-c") : shell);
        }
        command.addAll(test.subList(1, test.size()));
        return Optional.of("exec_create: " + String.join(" ", command));
    }
}
