package org.dockaudit.check.isolation;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Fix;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;

/**
 * The networks the container is attached to ({@code NetworkSettings.Networks}): the engine's
 * default one ({@code bridge}, docker0, on Docker; {@code podman} on Podman) joins it to every
 * container started without a network of its own. On Docker, whether they can all reach each
 * other is the daemon's {@code enable_icc} (DMN-003), said in the evidence. A user-defined network
 * holds only the containers put on it (Compose makes one per project); {@code none}, {@code host}
 * and another container's network are judged by the namespace checks.
 */
@CheckInfo(
        id = "ISO-013",
        title = "Container on the engine's default network (docker0)",
        severity = Severity.LOW,
        area = Area.PROCESS_ISOLATION,
        threats = {Threat.UNAUTHORIZED_ACCESS},
        cis = "5.30",
        remediation = "Put the containers that must talk on a network of their own (`docker network create app`, then"
                + " `--network app`; Compose does it per project), and nothing else on it.")
public final class DefaultBridgeNetwork implements ContainerCheck {

    @Override
    public Outcome evaluate(ContainerContext container) {
        HostContext host = new HostContext(container.snapshot());
        String defaultNetwork = host.podman() ? "podman" : "bridge";
        List<String> networks = new ArrayList<>();
        container.node("NetworkSettings", "Networks").fieldNames().forEachRemaining(networks::add);
        if (networks.isEmpty()) {
            // A container that never started has no network yet: its mode says where it will go.
            String mode = container.string("HostConfig", "NetworkMode");
            if (mode.equals("default") || mode.equals(defaultNetwork)) {
                networks.add(defaultNetwork);
            }
        }
        if (!networks.contains(defaultNetwork)) {
            return Outcome.pass(networks.isEmpty() ? "on no network of the engine's"
                    : "on " + String.join(", ", networks) + ", not the default " + defaultNetwork);
        }
        String icc = host.podman() ? "" : Facts.ifKnown(host.daemon().defaultBridge())
                .map(bridge -> bridge.path("Options").path("com.docker.network.bridge.enable_icc").asText("true"))
                .map(value -> value.equals("false") ? ", where the daemon keeps containers apart (icc off)"
                        : ", where every container reaches every other (icc on, DMN-003)")
                .orElse("");
        return Outcome.fail(Severity.LOW, List.of("on the default network " + defaultNetwork + icc))
                .withFix(Fix.because("the container is on the engine's default network")
                        .note("put the containers that must talk on a network of their own (docker network create app, then"
                                + " --network app); Compose makes one per project")
                        .build());
    }
}
