package org.dockaudit.collect;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dockaudit.model.AuditRules;
import org.dockaudit.model.ConfigFile;
import org.dockaudit.model.DaemonProcess;
import org.dockaudit.model.Fact;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.Listener;
import org.dockaudit.model.SocketFile;

/**
 * Reads host-level facts: kernel, security modules, control sockets, users and groups, and the
 * {@code dockerd} process with its listeners (each TCP one probed) and configuration files.
 */
public final class HostReader {

    static final List<String> CONTROL_SOCKETS = List.of(
            "/run/docker.sock", "/var/run/docker.sock", "/run/containerd/containerd.sock",
            "/run/docker/containerd/containerd.sock", "/run/podman/podman.sock", "/run/crio/crio.sock");
    private static final String DEFAULT_DAEMON_JSON = "/etc/docker/daemon.json";
    private static final List<String> SOCKET_UNITS = List.of(
            "/etc/systemd/system/docker.socket", "/lib/systemd/system/docker.socket", "/usr/lib/systemd/system/docker.socket");

    private final Path root;
    private final ProcFs proc;
    private final Prober prober;
    private final String endpoint;

    public HostReader(Path root, ProcFs proc, Prober prober, String endpoint) {
        this.root = root;
        this.proc = proc;
        this.prober = prober;
        this.endpoint = endpoint;
    }

    public HostFacts read() {
        Fact<Map<String, Long>> init = proc.namespaces(1);
        Fact<Map<String, Long>> namespaces = init.known() ? init : proc.ownNamespaces();
        // Sandboxes often hide pid 1; the collector's own namespaces are then the best reference.
        String reference = init.known() ? "pid 1" : "dockaudit's own process, as pid 1 is unreadable";
        Fact<DaemonProcess> daemon = daemonProcess();
        String configPath = daemon.known() ? option(daemon.value().arguments(), "--config-file") : null;
        boolean socketActivated = daemon.known() && daemon.value().arguments().stream().anyMatch(a -> a.contains("fd://"));
        return new HostFacts(
                proc.capLastCap(),
                namespaces,
                reference,
                ProcFs.read(file("/proc/sys/kernel/osrelease"), String::strip),
                securityModules(),
                controlSockets(),
                ProcFs.read(file("/etc/group")),
                ProcFs.read(file("/etc/passwd")),
                daemon,
                configFile(List.of(configPath == null ? DEFAULT_DAEMON_JSON : configPath)),
                socketActivated ? configFile(SOCKET_UNITS) : Fact.of(new ConfigFile(SOCKET_UNITS.get(1), false, null)),
                auditRules());
    }

    /** auditd's program, its persistent rules files, and which of the paths CIS 1.1.x names exist here. */
    private Fact<AuditRules> auditRules() {
        String auditd = null;
        for (String program : List.of("/usr/sbin/auditd", "/sbin/auditd", "/usr/sbin/auditctl", "/sbin/auditctl")) {
            if (Files.exists(file(program))) {
                auditd = program;
                break;
            }
        }
        Map<String, String> rules = new java.util.TreeMap<>();
        List<Path> files = new ArrayList<>(List.of(file("/etc/audit/audit.rules")));
        try (var listed = Files.list(file("/etc/audit/rules.d"))) {
            listed.filter(path -> path.toString().endsWith(".rules")).sorted().forEach(files::add);
        } catch (IOException e) {
            // No rules.d: only audit.rules, if it is there.
        }
        for (Path rulesFile : files) {
            Fact<String> content = ProcFs.read(rulesFile);
            if (content.known()) {
                rules.put("/" + root.relativize(rulesFile), content.value());
            } else if (!content.missing()) {
                return Fact.unknown(content.unknown());
            }
        }
        // /sbin is often /usr/sbin, /lib is /usr/lib: a file reached twice is named once, by its first place.
        List<String> existing = new ArrayList<>();
        Set<Path> seen = new java.util.HashSet<>();
        for (String path : AuditRules.CANDIDATES.values().stream().flatMap(List::stream).distinct().toList()) {
            try {
                if (seen.add(file(path).toRealPath())) {
                    existing.add(path);
                }
            } catch (IOException e) {
                // Absent: not one of this host's paths.
            }
        }
        return Fact.of(new AuditRules(auditd, rules, existing));
    }

    private Path file(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** securityfs first; without it, the modules' own traces in sysfs. */
    private Fact<List<String>> securityModules() {
        Fact<List<String>> listed = ProcFs.read(file("/sys/kernel/security/lsm"),
                text -> List.of(text.strip().split(",")));
        if (listed.known() || !listed.missing()) {
            return listed;
        }
        List<String> derived = new ArrayList<>();
        Fact<String> apparmor = ProcFs.read(file("/sys/module/apparmor/parameters/enabled"), String::strip);
        if (apparmor.known() && apparmor.value().equals("Y")) {
            derived.add("apparmor");
        }
        if (Files.exists(file("/sys/fs/selinux/enforce"))) {
            derived.add("selinux");
        }
        return Fact.of(derived);
    }

    private Fact<List<SocketFile>> controlSockets() {
        Set<String> candidates = new LinkedHashSet<>();
        unixPath(endpoint).ifPresent(candidates::add);
        candidates.addAll(CONTROL_SOCKETS);
        List<SocketFile> sockets = new ArrayList<>();
        Set<Object> seen = new java.util.HashSet<>();
        for (String candidate : candidates) {
            Path path = file(candidate);
            try {
                Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,uid,gid,ino,dev");
                // /var/run is a link to /run: report each socket once, under the first name.
                if (!seen.add(attributes.get("dev") + ":" + attributes.get("ino"))) {
                    continue;
                }
                int mode = (Integer) attributes.get("mode") & 07777;
                sockets.add(new SocketFile(candidate, Integer.toOctalString(mode), (Integer) attributes.get("uid"),
                        (Integer) attributes.get("gid")));
            } catch (NoSuchFileException e) {
                // Not every host has every runtime.
            } catch (IOException | RuntimeException e) {
                return ProcFs.failed(path, e);
            }
        }
        return Fact.of(sockets);
    }

    private static java.util.Optional<String> unixPath(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            return "unix".equals(uri.getScheme()) ? java.util.Optional.of(uri.getPath()) : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private Fact<ConfigFile> configFile(List<String> candidates) {
        for (String candidate : candidates) {
            Fact<String> content = ProcFs.read(file(candidate));
            if (content.known()) {
                return Fact.of(new ConfigFile(candidate, true, content.value()));
            }
            if (!content.missing()) {
                return Fact.unknown(content.unknown());
            }
        }
        return Fact.of(new ConfigFile(candidates.getFirst(), false, null));
    }

    /** The dockerd serving the endpoint: the one listening on its socket, or the only one. */
    private Fact<DaemonProcess> daemonProcess() {
        List<DaemonProcess> daemons = new ArrayList<>();
        try {
            for (int pid : proc.pids()) {
                Fact<String> command = proc.command(pid);
                if (command.known() && command.value().equals("dockerd")) {
                    Fact<DaemonProcess> daemon = describe(pid);
                    if (!daemon.known()) {
                        return daemon;
                    }
                    daemons.add(daemon.value());
                }
            }
        } catch (IOException e) {
            return Fact.unknown("cannot list /proc: " + e.getMessage());
        }
        if (daemons.isEmpty()) {
            return Fact.unknown("no dockerd process visible in /proc (another pid namespace, or a remote daemon)");
        }
        for (DaemonProcess daemon : daemons) {
            if (serves(daemon, endpoint)) {
                return Fact.of(daemon);
            }
        }
        return daemons.size() == 1
                ? Fact.of(daemons.getFirst())
                : Fact.unknown(daemons.size() + " dockerd processes, none listening on " + endpoint);
    }

    private static boolean serves(DaemonProcess daemon, String endpoint) {
        for (Listener listener : daemon.listeners()) {
            String address = listener.protocol().equals("unix")
                    ? "unix://" + listener.address()
                    : "tcp://" + listener.address() + ":" + listener.port();
            if (endpoint.equals(address) || endpoint.endsWith(":" + listener.port()) && !listener.protocol().equals("unix")) {
                return true;
            }
        }
        return false;
    }

    private Fact<DaemonProcess> describe(int pid) {
        Fact<List<String>> arguments = proc.arguments(pid);
        if (!arguments.known()) {
            return Fact.unknown("dockerd pid " + pid + ": " + arguments.unknown());
        }
        Fact<Set<Long>> inodes = proc.socketInodes(pid);
        Fact<List<NetTables.Entry>> sockets = proc.listeningSockets(pid);
        if (!inodes.known() || !sockets.known()) {
            return Fact.unknown("listeners of dockerd pid " + pid + ": " + (inodes.known() ? sockets.unknown() : inodes.unknown()));
        }
        List<Listener> listeners = new ArrayList<>();
        for (NetTables.Entry entry : sockets.value()) {
            if (inodes.value().contains(entry.inode())) {
                listeners.add(new Listener(entry.protocol(), entry.address(), entry.port(),
                        entry.protocol().equals("unix") ? null : probe(entry.address(), entry.port())));
            }
        }
        return Fact.of(new DaemonProcess(pid, arguments.value(), listeners));
    }

    private Fact<org.dockaudit.model.ProbeResult> probe(String address, int port) {
        // A wildcard listener is reached through loopback: the probe never leaves the machine.
        String target = switch (address) {
            case "0.0.0.0" -> "127.0.0.1";
            case "0:0:0:0:0:0:0:0", "::" -> "::1";
            default -> address;
        };
        try {
            return Fact.of(prober.probe(target, port));
        } catch (IOException e) {
            return Fact.unknown("probe of " + target + ":" + port + " failed: " + e.getMessage());
        }
    }

    /** The value of {@code --name value} or {@code --name=value} on a command line. */
    static String option(List<String> arguments, String name) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals(name) && i + 1 < arguments.size()) {
                return arguments.get(i + 1);
            }
            if (argument.startsWith(name + "=")) {
                return argument.substring(name.length() + 1);
            }
        }
        return null;
    }
}
