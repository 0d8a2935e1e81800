package org.dockaudit.check.unabstracted;

import java.util.List;
import java.util.Optional;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.model.ProcessFacts;

/** What the host's LSMs and a container's processes say about MAC confinement. */
final class SecurityModules {

    private SecurityModules() {}

    static List<String> active(ContainerContext container) {
        return Facts.require(container.snapshot().host().securityModules(), "security modules of the host");
    }

    /** The label of each running process that has one ({@code /proc/<pid>/attr/current}). */
    static List<String> processLabels(ContainerContext container) {
        Optional<List<ProcessFacts>> processes = container.processes();
        return processes.orElse(List.of()).stream()
                .filter(process -> process.lsmLabel().known())
                .map(process -> "pid " + process.pid() + " (" + process.command() + ") runs as '" + process.lsmLabel().value() + "'")
                .toList();
    }
}
