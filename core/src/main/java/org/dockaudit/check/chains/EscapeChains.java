package org.dockaudit.check.chains;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.ContainerCheck;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.NotApplicableException;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.isolation.HostMount;
import org.dockaudit.check.kernel.ClaimedProfile;
import org.dockaudit.model.Capabilities;

/**
 * Findings that are each high, and together an escape to the host: one critical finding that names
 * the chain, so that the reader sees the path and not only its links.
 */
@CheckInfo(
        id = "CHN-001",
        title = "Settings that together give the host",
        severity = Severity.CRITICAL,
        area = Area.PROCESS_PRIVILEGES,
        alsoCountsFor = Area.PROCESS_ISOLATION,
        threats = {Threat.ESCAPE},
        remediation = "Break the chain at any link, best at the one the workload does not need: drop the capability "
                + "(`--cap-drop`), leave the host namespace, keep a seccomp profile, or remove the socket or host mount.")
public final class EscapeChains implements ContainerCheck {

    private static final Set<String> CGROUP_PATHS = Set.of("/", "/sys", "/sys/fs", "/sys/fs/cgroup");

    @Override
    public Outcome evaluate(ContainerContext container) {
        if (container.bool("HostConfig", "Privileged")) {
            throw new NotApplicableException("privileged: every link is there already (PRIV-001)");
        }
        Set<String> capabilities = ClaimedProfile.held(container);
        boolean noSeccomp = ClaimedProfile.unfiltered(container) || anyProcessUnfiltered(container);
        List<HostMount> mounts = HostMount.of(container);
        List<String> chains = new ArrayList<>();
        // The link each chain breaks at: the one a container flag set, as it was typed.
        List<HostMount> links = new ArrayList<>();
        Fix.Builder fix = Fix.because("settings that together give the host");
        if (container.inspect().path("HostConfig").path("PidMode").asText("").equals("host")
                && capabilities.contains("CAP_SYS_PTRACE")) {
            chains.add("--pid=host + CAP_SYS_PTRACE: the container can ptrace every host process and inject code into it,"
                    + " pid 1 included");
            fix.remove("--pid=host", "pid");
        }
        if (capabilities.contains("CAP_SYS_ADMIN")) {
            for (HostMount mount : mounts) {
                if (mount.readWrite() && CGROUP_PATHS.contains(mount.hostPath())) {
                    chains.add("CAP_SYS_ADMIN + " + mount.describe() + ": the host's cgroup hierarchy is writable, and a"
                            + " release_agent runs a program of the container's choosing as root on the host");
                    links.add(mount);
                }
            }
            if (noSeccomp && container.inspect().path("HostConfig").path("UsernsMode").asText("").isEmpty()) {
                chains.add("CAP_SYS_ADMIN without seccomp: the container can mount a cgroup v1 hierarchy itself and use"
                        + " its release_agent (the CVE-2022-0492 technique)");
                removeUnconfined(container, fix);
            }
        }
        if (capabilities.contains("CAP_DAC_READ_SEARCH") && (noSeccomp || ClaimedProfile.isDefault(container))) {
            chains.add("CAP_DAC_READ_SEARCH + open_by_handle_at reachable (" + (noSeccomp ? "no seccomp filter"
                    : "Docker's default profile allows it to holders of that capability")
                    + "): any host file can be opened by handle, the 'shocker' escape");
            removeCapability(container, "CAP_DAC_READ_SEARCH", fix);
        }
        List<HostMount> socket = mounts.stream().filter(mount -> mount.exposes("/run/docker.sock")).toList();
        String exposure = networkExposure(container);
        if (!socket.isEmpty() && exposure != null) {
            chains.add("the Docker socket is mounted and the container is reachable from the network (" + exposure
                    + "): a flaw in its service hands over the daemon, which is root on the host");
            links.addAll(socket);
        }
        links.forEach(mount -> mount.removeIn(fix));
        return chains.isEmpty()
                ? Outcome.pass("no known chain of settings to the host")
                : Outcome.fail(Severity.CRITICAL, chains).withFix(fix.build());
    }

    private static void removeUnconfined(ContainerContext container, Fix.Builder fix) {
        ClaimedProfile.unconfinedOption(container).ifPresent(option -> fix.removeSecurityOpt(option));
    }

    /** The {@code --cap-add} that gives it, as typed ({@code SYS_ADMIN}, {@code CAP_SYS_ADMIN}, {@code ALL}). */
    private static void removeCapability(ContainerContext container, String capability, Fix.Builder fix) {
        for (String added : container.strings("HostConfig", "CapAdd")) {
            String name = Capabilities.canonical(added);
            if (name.equals(capability) || name.equals("ALL")) {
                fix.remove("--cap-add " + added, "cap_add: " + added);
            }
        }
    }

    private static boolean anyProcessUnfiltered(ContainerContext container) {
        if (container.runtime().isEmpty()) {
            return false;
        }
        return container.processes().orElse(List.of()).stream()
                .anyMatch(p -> p.status().known() && Integer.valueOf(0).equals(p.status().value().seccompMode()));
    }

    /** How the network reaches the container: the host's network, or ports published beyond loopback. */
    private static String networkExposure(ContainerContext container) {
        JsonNode hostConfig = container.inspect().path("HostConfig");
        if (hostConfig.path("NetworkMode").asText("").equals("host")) {
            return "--network=host";
        }
        List<String> published = new ArrayList<>();
        hostConfig.path("PortBindings").properties().forEach(port -> port.getValue().forEach(binding -> {
            String ip = binding.path("HostIp").asText("");
            if (!ip.startsWith("127.") && !ip.equals("::1")) {
                published.add("-p " + (ip.isEmpty() ? "" : ip + ":") + binding.path("HostPort").asText() + ":" + port.getKey());
            }
        }));
        return published.isEmpty() ? null : String.join(", ", published);
    }
}
