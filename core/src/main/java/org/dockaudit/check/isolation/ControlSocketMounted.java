package org.dockaudit.check.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * A container runtime's control socket inside a container is root on the host: read-only does not
 * help, since connecting to a socket needs no write access to the mount.
 */
@CheckInfo(
        id = "ISO-008",
        title = "Container runtime control socket mounted into the container",
        severity = Severity.CRITICAL,
        area = Area.PROCESS_ISOLATION,
        alsoCountsFor = Area.CONTROL_INTERFACES,
        threats = {Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        cis = "5.32",
        remediation = "Remove the `-v`/`--mount` that brings the socket (or its directory) in; a container "
                + "that must drive Docker needs an authorization plugin or a restricted API proxy.")
public final class ControlSocketMounted implements ContainerCheck {

    static final List<String> SOCKETS = List.of(
            "/run/docker.sock",
            "/run/containerd/containerd.sock",
            "/run/docker/containerd/containerd.sock",
            "/run/podman/podman.sock",
            "/run/crio/crio.sock");
    static final String WINDOWS_PIPE = "//./pipe/docker_engine";

    @Override
    public Outcome evaluate(ContainerContext container) {
        // Which sockets exist on the host, when it was observed; a bind cannot expose what is not there.
        boolean windows = container.inspect().path("Platform").asText("").equalsIgnoreCase("windows");
        // Named pipes are not among the unix sockets a Linux host reader sees.
        Optional<Set<String>> present = windows ? Optional.empty() : Facts.ifKnown(container.snapshot().host().controlSockets())
                .map(sockets -> sockets.stream().map(socket -> HostMount.normalize(socket.path()))
                        .collect(Collectors.toSet()));
        List<String> candidates = windows ? List.of(WINDOWS_PIPE) : SOCKETS;
        List<String> evidence = new ArrayList<>();
        Set<HostMount> flagged = new java.util.LinkedHashSet<>();
        for (HostMount mount : HostMount.of(container)) {
            for (String socket : candidates) {
                boolean direct = mount.hostPath().equals(socket);
                if (!mount.exposes(socket) || (present.isPresent() && !present.get().contains(socket))) {
                    continue;
                }
                if (present.isEmpty() && !direct) {
                    // Inspect output alone: the host's sockets are not known, so a parent directory only may expose one.
                    evidence.add(mount.describe() + " may expose " + socket + " through its parent directory, if the host has it"
                            + " (the host was not observed)");
                    flagged.add(mount);
                    continue;
                }
                evidence.add(mount.describe() + " exposes " + socket + (direct ? "" : " through its parent directory")
                        + (mount.readWrite() ? "" : "; read-only does not stop connect()"));
                flagged.add(mount);
            }
        }
        return evidence.isEmpty()
                ? Outcome.pass("no bind mount exposes a container runtime's control socket" + (present.isPresent()
                        ? " (present on the host: " + (present.get().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(present.get()))) + ")"
                        : ""))
                : Outcome.fail(Severity.CRITICAL, evidence).withFix(HostMount.removal("a runtime's control socket is mounted", flagged));
    }
}
