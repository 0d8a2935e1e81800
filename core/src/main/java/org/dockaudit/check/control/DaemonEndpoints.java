package org.dockaudit.check.control;

import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostContext;
import org.dockaudit.model.ConfigFile;
import org.dockaudit.model.DaemonProcess;
import org.dockaudit.model.Listener;

/** Where the daemon is configured to listen, and with which TLS settings; where it really listens. */
record DaemonEndpoints(List<String> configured, String configuredFrom, boolean tls, boolean tlsVerify, List<Listener> tcpListeners,
        boolean observed) {

    static DaemonEndpoints of(HostContext host) {
        List<String> configured = new ArrayList<>();
        String from = "dockerd command line";
        var hosts = host.setting(List.of("-H", "--host"), "hosts");
        if (hosts.isPresent()) {
            configured.addAll(hosts.get().values());
            from = hosts.get().source();
        }
        // "-H fd://": systemd hands dockerd the sockets of docker.socket; its ListenStream lines say where.
        var unit = Facts.ifKnown(host.host().socketActivation()).filter(ConfigFile::exists);
        if (configured.stream().anyMatch(h -> h.startsWith("fd://")) && unit.isPresent()) {
            for (String line : unit.get().content().lines().toList()) {
                String value = line.strip().startsWith("ListenStream=") ? line.strip().substring("ListenStream=".length()).strip() : "";
                if (value.matches("\\d+")) {
                    configured.add("tcp://0.0.0.0:" + value);
                } else if (value.matches(".*:\\d+")) {
                    configured.add("tcp://" + value);
                }
            }
            from = from + " and " + unit.get().path();
        }
        boolean tlsVerify = flag(host, "--tlsverify", "tlsverify");
        boolean tls = tlsVerify || flag(host, "--tls", "tls");
        // Without the process (a Windows host, a snapshot of another machine) only the configuration speaks.
        var process = Facts.ifKnown(host.host().daemonProcess());
        List<Listener> tcp = process.map(DaemonProcess::listeners).orElse(List.of()).stream()
                .filter(listener -> !listener.protocol().equals("unix"))
                .toList();
        return new DaemonEndpoints(configured, from, tls, tlsVerify, tcp, process.isPresent());
    }

    /**
     * A boolean setting; when daemon.json lacks it and the command line was not collected, false:
     * callers say in their evidence that a flag could still set it.
     */
    private static boolean flag(HostContext host, String flag, String key) {
        try {
            return host.setting(flag, key).map(s -> !s.value().equals("false")).orElse(false);
        } catch (org.dockaudit.check.UnknownFactException e) {
            return false;
        }
    }

    String caveat() {
        return observed ? "" : "; the dockerd command line was not collected, a flag there could still enable TLS";
    }

    List<String> configuredTcp() {
        return configured.stream().filter(host -> host.startsWith("tcp://")).toList();
    }

    static String describe(Listener listener) {
        return (listener.protocol().equals("tcp6") ? "[" + listener.address() + "]" : listener.address()) + ":" + listener.port();
    }
}
