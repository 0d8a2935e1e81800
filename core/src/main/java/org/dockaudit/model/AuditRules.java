package org.dockaudit.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Linux audit subsystem is told to watch among Docker's files (CIS 1.1.3 to 1.1.18):
 * whether auditd is installed, the persistent rules files ({@code /etc/audit/audit.rules} and
 * {@code /etc/audit/rules.d/*.rules}, what auditd loads at boot), the kernel's state now (what
 * {@code auditctl -s} and {@code auditctl -l} show), and which of the paths the items name exist
 * on this host.
 *
 * @param auditd the auditd or auditctl program found, or null when auditd is not installed
 * @param rules each rules file read, by path, with its content
 * @param existing each candidate path of {@link #CANDIDATES} that exists on the host
 * @param loaded the kernel's audit state and the rules loaded in it now
 */
public record AuditRules(String auditd, Map<String, String> rules, List<String> existing, Fact<Loaded> loaded) {

    public AuditRules {
        loaded = loaded != null ? loaded : Fact.unknown(Fact.Gap.NOT_COLLECTED, "the kernel's loaded audit rules were not recorded in this snapshot");
    }

    /**
     * The kernel's audit state.
     *
     * @param enabled   0 when auditing is off, 1 on, 2 on and locked ({@code auditctl -e})
     * @param auditdPid the process that receives the records, 0 when none does
     * @param rules     the rules loaded now, in auditctl's syntax ({@code -w /usr/bin/dockerd -p wa -k docker})
     */
    public record Loaded(int enabled, int auditdPid, List<String> rules) {

        public Loaded {
            rules = List.copyOf(rules);
        }
    }

    /** Per CIS item, the paths it names, in the places distributions put them. */
    public static final Map<String, List<String>> CANDIDATES = candidates();

    private static Map<String, List<String>> candidates() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put("1.1.3", binaries("dockerd"));
        // dockerd runs its own containerd under /run/docker/containerd when none is installed.
        paths.put("1.1.4", List.of("/run/containerd", "/run/docker/containerd"));
        paths.put("1.1.5", List.of("/var/lib/docker"));
        paths.put("1.1.6", List.of("/etc/docker"));
        paths.put("1.1.7", units("docker.service"));
        paths.put("1.1.8", List.of("/run/containerd/containerd.sock", "/run/docker/containerd/containerd.sock"));
        paths.put("1.1.9", units("docker.socket"));
        paths.put("1.1.10", List.of("/etc/default/docker"));
        paths.put("1.1.11", List.of("/etc/docker/daemon.json"));
        paths.put("1.1.12", List.of("/etc/containerd/config.toml"));
        paths.put("1.1.13", List.of("/etc/sysconfig/docker"));
        paths.put("1.1.14", binaries("containerd"));
        paths.put("1.1.15", binaries("containerd-shim"));
        paths.put("1.1.16", binaries("containerd-shim-runc-v1"));
        paths.put("1.1.17", binaries("containerd-shim-runc-v2"));
        paths.put("1.1.18", binaries("runc"));
        return java.util.Collections.unmodifiableMap(paths);
    }

    private static List<String> binaries(String name) {
        return List.of("/usr/bin/" + name, "/usr/sbin/" + name, "/usr/local/bin/" + name, "/bin/" + name, "/sbin/" + name);
    }

    private static List<String> units(String name) {
        return List.of("/lib/systemd/system/" + name, "/usr/lib/systemd/system/" + name, "/etc/systemd/system/" + name);
    }
}
