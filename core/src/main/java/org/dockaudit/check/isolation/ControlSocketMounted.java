package org.dockaudit.check.isolation;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
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
            "/run/crio/crio.sock",
            "//./pipe/docker_engine");

    @Override
    public Outcome evaluate(ContainerContext container) {
        List<String> evidence = new ArrayList<>();
        for (HostMount mount : HostMount.of(container)) {
            for (String socket : SOCKETS) {
                if (mount.exposes(socket)) {
                    evidence.add(mount.describe() + " exposes " + socket
                            + (mount.hostPath().equals(socket) ? "" : " through its parent directory"));
                }
            }
        }
        return evidence.isEmpty()
                ? Outcome.pass("no bind mount exposes a Docker, containerd, podman or CRI-O socket, nor the Windows docker_engine pipe")
                : Outcome.fail(Severity.CRITICAL, evidence);
    }
}
