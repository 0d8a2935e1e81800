package org.dockaudit.check.privileges;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.Users;
import org.dockaudit.model.ProcessFacts;

/**
 * Whether the workload runs as root: {@code Config.User} resolved against the image's
 * {@code /etc/passwd} (a name that maps to uid 0 is root), then, for a running container, the
 * effective uid of every process. Root in a private user namespace is low; root that is the
 * host's root is medium.
 */
@CheckInfo(
        id = "PRIV-005",
        title = "Container runs as root",
        severity = Severity.MEDIUM,
        area = Area.PROCESS_PRIVILEGES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "4.1",
        remediation = "Run as an unprivileged user: `--user 1000:1000` (or USER in the image).")
public final class RootUser implements ContainerCheck {

    private static final Fix FIX = Fix.because("the workload runs as root").add("--user 1000:1000", "user", "1000:1000").build();

    @Override
    public Outcome evaluate(ContainerContext container) {
        String user = container.string("Config", "User");
        boolean configuredRoot = Users.isRoot(user, container.imagePasswd());
        String configured = user.isEmpty() ? "no user configured (Config.User is empty): root" : "Config.User is '" + user + "'";
        Optional<List<ProcessFacts>> processes = container.processes();
        if (processes.isEmpty()) {
            return configuredRoot ? Outcome.fail(Severity.MEDIUM, List.of(configured)).withFix(FIX) : Outcome.pass(configured);
        }
        List<String> rootProcesses = new ArrayList<>();
        for (ProcessFacts process : processes.get()) {
            if (Facts.status(process).effectiveUid() == 0) {
                rootProcesses.add("pid " + process.pid() + " (" + process.command() + ")");
            }
        }
        if (rootProcesses.isEmpty()) {
            return Outcome.pass(configured + "; no process runs with effective uid 0");
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(configured);
        evidence.add("effective uid 0: " + String.join(", ", rootProcesses));
        // Root in a private user namespace maps to an unprivileged host uid: still root-equivalent
        // inside, far less so outside.
        if (remapped(container, processes.get().getFirst())) {
            evidence.add("the container has its own user namespace: uid 0 is not the host's root");
            return Outcome.fail(Severity.LOW, evidence).withFix(FIX);
        }
        evidence.add("the container shares the host's user namespace: uid 0 is the host's root");
        return Outcome.fail(Severity.MEDIUM, evidence).withFix(FIX);
    }

    private static boolean remapped(ContainerContext container, ProcessFacts init) {
        Map<String, Long> host = container.snapshot().host().namespaces().value();
        Map<String, Long> own = init.namespaces().value();
        return host != null && own != null && own.get("user") != null && !own.get("user").equals(host.get("user"));
    }
}
