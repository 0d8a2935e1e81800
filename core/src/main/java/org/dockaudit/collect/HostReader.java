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
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dockaudit.model.AuditRules;
import org.dockaudit.model.DaemonFiles;
import org.dockaudit.model.DataRoot;
import org.dockaudit.model.EnvironmentSetting;
import org.dockaudit.model.MountEntry;
import org.dockaudit.model.ConfigFile;
import org.dockaudit.model.DaemonProcess;
import org.dockaudit.model.Fact;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.Listener;
import org.dockaudit.model.FileStatus;

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
    private final boolean hostKernel;
    private final ProcFs proc;
    private final Prober prober;
    private final String endpoint;

    /**
     * @param root       where the host's root file system is seen: {@code /}, or a prefix
     * @param hostKernel whether this process runs on the audited host's kernel (so that the kernel's
     *                   own interfaces, such as its audit socket, are the host's): false for a fixture
     */
    public HostReader(Path root, boolean hostKernel, ProcFs proc, Prober prober, String endpoint) {
        this.root = root;
        this.hostKernel = hostKernel;
        this.proc = proc;
        this.prober = prober;
        this.endpoint = endpoint;
    }

    /** @param info docker info, whose {@code DockerRootDir} names the data root */
    public HostFacts read(Fact<JsonNode> info) {
        Fact<DaemonProcess> daemon = daemonProcess();
        // Sandboxes often hide pid 1; dockerd, which runs in the host's namespaces, is then the
        // reference, and without it the collector's own namespaces (the container's, when
        // dockaudit runs in one: only its --pid, --network, ... =host ones are the host's).
        Fact<Map<String, Long>> init = proc.namespaces(1);
        Fact<Map<String, Long>> ofDaemon = init.known() || !daemon.known() ? init : proc.namespaces(daemon.value().pid());
        Fact<Map<String, Long>> namespaces = init.known() ? init : ofDaemon.known() ? ofDaemon : proc.ownNamespaces();
        String reference = init.known() ? "pid 1" : ofDaemon.known() ? "dockerd (pid " + daemon.value().pid() + "), as pid 1 is unreadable"
                : "dockaudit's own process, as pid 1 is unreadable";
        String configPath = daemon.known() ? daemon.value().flagValues(List.of("--config-file")).stream().reduce((a, b) -> b).orElse(null) : null;
        boolean socketActivated = daemon.known() && daemon.value().arguments().stream().anyMatch(a -> a.contains("fd://"));
        Fact<ConfigFile> daemonConfig = configFile(List.of(configPath == null ? DEFAULT_DAEMON_JSON : configPath));
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
                daemonConfig,
                socketActivated ? configFile(SOCKET_UNITS) : Fact.of(new ConfigFile(SOCKET_UNITS.get(1), false, null)),
                auditRules(),
                daemonFiles(daemon, daemonConfig),
                dataRoot(info, daemon),
                contentTrust(),
                null); // the engine names its profile file: the collector reads it once it has asked
    }

    /** The files and sockets of CIS section 3, per role, with owner and mode. */
    private Fact<DaemonFiles> daemonFiles(Fact<DaemonProcess> daemon, Fact<ConfigFile> config) {
        Map<String, Fact<DaemonFiles.Located>> roles = new LinkedHashMap<>();
        roles.put(DaemonFiles.DOCKER_SERVICE, units("docker.service"));
        roles.put(DaemonFiles.DOCKER_SOCKET_UNIT, units("docker.socket"));
        roles.put(DaemonFiles.CONFIG_DIRECTORY, located(List.of("/etc/docker")));
        roles.put(DaemonFiles.REGISTRY_CERTIFICATES, registryCertificates());
        Fact<JsonNode> settings = config.known() ? config.value().json() : Fact.unknown(config.gap(), config.unknown());
        roles.put(DaemonFiles.TLS_CA, tlsFile(daemon, settings, "tlscacert", "ca.pem"));
        roles.put(DaemonFiles.TLS_CERTIFICATE, tlsFile(daemon, settings, "tlscert", "cert.pem"));
        roles.put(DaemonFiles.TLS_KEY, tlsFile(daemon, settings, "tlskey", "key.pem"));
        Set<String> dockerSockets = new LinkedHashSet<>();
        unixPath(endpoint).ifPresent(dockerSockets::add);
        dockerSockets.addAll(List.of("/var/run/docker.sock", "/run/docker.sock"));
        roles.put(DaemonFiles.DOCKER_SOCKET, located(List.copyOf(dockerSockets)));
        roles.put(DaemonFiles.DAEMON_JSON, config.known() ? located(List.of(config.value().path())) : Fact.unknown(config.gap(), config.unknown()));
        roles.put(DaemonFiles.DEFAULT_DOCKER, located(List.of("/etc/default/docker")));
        roles.put(DaemonFiles.SYSCONFIG_DOCKER, located(List.of("/etc/sysconfig/docker")));
        roles.put(DaemonFiles.CONTAINERD_SOCKET, located(List.of("/run/containerd/containerd.sock", "/run/docker/containerd/containerd.sock")));
        return Fact.of(new DaemonFiles(roles));
    }

    /** A unit in every systemd unit directory, and its drop-ins ({@code NAME.d/*.conf}), which can change its command. */
    private Fact<DaemonFiles.Located> units(String name) {
        List<String> searched = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (String directory : DaemonFiles.UNIT_DIRECTORIES) {
            searched.add(directory + "/" + name);
            searched.add(directory + "/" + name + ".d/*.conf");
            paths.add(directory + "/" + name);
            paths.addAll(children(directory + "/" + name + ".d", 1, path -> path.endsWith(".conf")));
        }
        return located(searched, paths);
    }

    private Fact<DaemonFiles.Located> registryCertificates() {
        String directory = "/etc/docker/certs.d";
        return located(List.of(directory + "/*/*"), children(directory, 2, path -> true));
    }

    /**
     * A TLS file of the daemon: the path its flag or daemon.json names; when TLS is on and none is
     * named, dockerd's default in root's {@code ~/.docker}; nothing when the daemon uses no TLS.
     */
    private static Fact<DaemonFiles.Located> tlsFileSearch(Fact<DaemonProcess> daemon, Fact<JsonNode> settings, String key,
            String defaultName) {
        if (!settings.known()) {
            return Fact.unknown(settings.unknown());
        }
        List<String> named = daemon.known() ? daemon.value().flagValues(List.of("--" + key)) : List.of();
        String path = !named.isEmpty() ? named.getLast() : settings.value().path(key).asText("");
        if (!path.isEmpty()) {
            return Fact.of(new DaemonFiles.Located(List.of(path), List.of(), null));
        }
        boolean tls = daemon.known() && !daemon.value().flagValues(List.of("--tls", "--tlsverify")).stream().allMatch("false"::equals)
                || settings.value().path("tls").asBoolean(false) || settings.value().path("tlsverify").asBoolean(false);
        if (tls) {
            return Fact.of(new DaemonFiles.Located(List.of("/root/.docker/" + defaultName), List.of(), null));
        }
        if (!daemon.known()) {
            return Fact.unknown("--" + key + " is not in daemon.json and the dockerd command line was not read: " + daemon.unknown());
        }
        return Fact.of(new DaemonFiles.Located(List.of(), List.of(), "the daemon uses no TLS (no --tls, --tlsverify or --" + key + ")"));
    }

    private Fact<DaemonFiles.Located> tlsFile(Fact<DaemonProcess> daemon, Fact<JsonNode> settings, String key, String defaultName) {
        Fact<DaemonFiles.Located> search = tlsFileSearch(daemon, settings, key, defaultName);
        return search.known() && !search.value().searched().isEmpty() ? located(search.value().searched()) : search;
    }

    private Fact<DaemonFiles.Located> located(List<String> paths) {
        return located(paths, paths);
    }

    /** The status of each of {@code paths} that exists (links followed; a file reached twice counts once). */
    private Fact<DaemonFiles.Located> located(List<String> searched, List<String> paths) {
        List<FileStatus> found = new ArrayList<>();
        Set<Object> seen = new java.util.HashSet<>();
        for (String candidate : paths) {
            Path path = file(candidate);
            try {
                Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,uid,gid,ino,dev");
                FileStatus status = status(candidate, attributes);
                // A device is no configuration file: a unit masked by a link to /dev/null, for one.
                if (seen.add(attributes.get("dev") + ":" + attributes.get("ino")) && !status.type().equals("other")) {
                    found.add(status);
                }
            } catch (NoSuchFileException e) {
                // Not on this host.
            } catch (IOException | RuntimeException e) {
                return ProcFs.failed(path, e);
            }
        }
        return Fact.of(new DaemonFiles.Located(searched, found, null));
    }

    private static FileStatus status(String path, Map<String, Object> attributes) {
        int mode = (Integer) attributes.get("mode");
        String type = switch (mode & 0170000) {
            case 0100000 -> "file";
            case 0040000 -> "directory";
            case 0140000 -> "socket";
            default -> "other";
        };
        return new FileStatus(path, type, Integer.toOctalString(mode & 07777), (Integer) attributes.get("uid"),
                (Integer) attributes.get("gid"));
    }

    /** The regular files {@code depth} levels under {@code directory} that {@code accepted} keeps, sorted. */
    private List<String> children(String directory, int depth, java.util.function.Predicate<String> accepted) {
        Path base = file(directory);
        try (var walk = Files.walk(base, depth)) {
            return walk.filter(path -> !path.equals(base) && base.relativize(path).getNameCount() == depth && Files.isRegularFile(path))
                    .map(path -> "/" + root.relativize(path)).filter(accepted).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | java.io.UncheckedIOException e) {
            // Unreadable: the directory is then judged itself, with the mode that hides its files.
            return List.of(directory);
        }
    }

    /**
     * The mount that holds the data root, in dockerd's mount namespace (pid 1's when dockerd is not
     * visible), and the mount of {@code /}.
     */
    private Fact<DataRoot> dataRoot(Fact<JsonNode> info, Fact<DaemonProcess> daemon) {
        if (!info.known()) {
            return Fact.unknown("docker info: " + info.unknown());
        }
        String path = info.value().path("DockerRootDir").asText("");
        if (path.isEmpty()) {
            return Fact.unknown(Fact.Gap.UNSUPPORTED, "docker info names no DockerRootDir");
        }
        int pid = daemon.known() ? daemon.value().pid() : 1;
        Fact<List<MountEntry>> mounts = proc.mounts(pid);
        if (!mounts.known()) {
            return Fact.unknown(mounts.unknown());
        }
        MountEntry holder = null;
        MountEntry slash = null;
        // The last mount on a point is the one that shows: mountinfo lists them in mount order.
        for (MountEntry mount : mounts.value()) {
            if (mount.mountPoint().equals("/")) {
                slash = mount;
            }
            if (contains(mount.mountPoint(), path) && (holder == null || mount.mountPoint().length() >= holder.mountPoint().length())) {
                holder = mount;
            }
        }
        if (slash == null || holder == null) {
            return Fact.unknown("/proc/" + pid + "/mountinfo has no mount of /");
        }
        return Fact.of(new DataRoot(path, holder, slash));
    }

    private static boolean contains(String mountPoint, String path) {
        return mountPoint.equals("/") || path.equals(mountPoint) || path.startsWith(mountPoint + "/");
    }

    /**
     * Where {@code DOCKER_CONTENT_TRUST} is set for the host's clients: the system-wide login files,
     * and dockaudit's own environment (the auditor's shell).
     */
    private Fact<EnvironmentSetting> contentTrust() {
        String variable = "DOCKER_CONTENT_TRUST";
        List<String> places = new ArrayList<>(List.of("/etc/environment", "/etc/profile", "/etc/bash.bashrc"));
        places.addAll(children("/etc/profile.d", 1, path -> path.endsWith(".sh")));
        places.addAll(List.of("/root/.profile", "/root/.bashrc", "/root/.bash_profile"));
        Map<String, String> values = new LinkedHashMap<>();
        Pattern assignment = Pattern.compile("(?m)^\\s*(?:export\\s+)?" + variable + "=[\"']?([^\"'\\s;#]*)");
        for (String place : places) {
            Fact<String> content = ProcFs.read(file(place));
            if (content.known()) {
                Matcher matcher = assignment.matcher(content.value());
                String value = null;
                while (matcher.find()) {
                    value = matcher.group(1);
                }
                if (value != null) {
                    values.put(place, value);
                }
            } else if (!content.missing()) {
                return Fact.unknown(content.unknown());
            }
        }
        List<String> searched = new ArrayList<>(places);
        searched.add("dockaudit's environment");
        String own = System.getenv(variable);
        if (own != null) {
            values.put("dockaudit's environment", own);
        }
        return Fact.of(new EnvironmentSetting(variable, searched, values));
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
        return Fact.of(new AuditRules(auditd, rules, existing, hostKernel
                ? AuditNetlink.read() : Fact.unknown(Fact.Gap.NOT_COLLECTED, "the host's files are read under " + root + ", not its kernel")));
    }

    private Path file(String absolute) {
        return HostPaths.under(root, absolute);
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

    /** The control sockets that exist: the audited endpoint's and the usual ones, each once. */
    private Fact<List<FileStatus>> controlSockets() {
        Set<String> candidates = new LinkedHashSet<>();
        unixPath(endpoint).ifPresent(candidates::add);
        candidates.addAll(CONTROL_SOCKETS);
        Fact<DaemonFiles.Located> located = located(List.copyOf(candidates));
        return located.known() ? Fact.of(located.value().found()) : Fact.unknown(located.gap(), located.unknown());
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
            for (int pid : proc.pidsOf("dockerd")) {
                Fact<DaemonProcess> daemon = describe(pid);
                // A dockerd that exits while it is read (another daemon stopping) is none of
                // this host's daemons by the end of the audit.
                if (!daemon.known() && proc.exited(pid)) {
                    continue;
                }
                if (!daemon.known()) {
                    return daemon;
                }
                daemons.add(daemon.value());
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
}
