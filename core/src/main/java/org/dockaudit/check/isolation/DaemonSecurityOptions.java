package org.dockaudit.check.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.model.Fact;

/** {@code SecurityOptions} of {@code docker info}, such as {@code name=userns}; empty when not collected. */
final class DaemonSecurityOptions {

    private DaemonSecurityOptions() {}

    static Optional<List<String>> of(ContainerContext container) {
        Fact<com.fasterxml.jackson.databind.JsonNode> info = container.snapshot().daemon().info();
        if (info == null || !info.known()) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>();
        info.value().path("SecurityOptions").forEach(option -> options.add(option.asText()));
        return Optional.of(options);
    }
}
