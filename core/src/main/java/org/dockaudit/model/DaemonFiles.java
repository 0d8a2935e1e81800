package org.dockaudit.model;

import java.util.List;
import java.util.Map;

/**
 * The files that configure the daemon and the sockets that control it, as CIS section 3 names
 * them (3.1 to 3.24), each with its owner and mode. Per role, the paths looked at and those found:
 * a role none of whose paths exists has nothing to judge, and says where it looked.
 *
 * @param roles by role ({@link #DOCKER_SERVICE}, ...), in the benchmark's order; unknown when a
 *              path could not be read or could not be told (a daemon.json that does not parse)
 */
public record DaemonFiles(Map<String, Fact<Located>> roles) {

    /** {@code docker.service} and its drop-ins, in every systemd unit directory. */
    public static final String DOCKER_SERVICE = "docker.service";
    /** {@code docker.socket}, in every systemd unit directory. */
    public static final String DOCKER_SOCKET_UNIT = "docker.socket";
    public static final String CONFIG_DIRECTORY = "/etc/docker";
    /** The files of {@code /etc/docker/certs.d/<registry>/}: CA certificates, client certificates and keys. */
    public static final String REGISTRY_CERTIFICATES = "registry certificates";
    public static final String TLS_CA = "TLS CA certificate";
    public static final String TLS_CERTIFICATE = "TLS server certificate";
    public static final String TLS_KEY = "TLS server key";
    public static final String DOCKER_SOCKET = "Docker socket";
    public static final String DAEMON_JSON = "daemon.json";
    public static final String DEFAULT_DOCKER = "/etc/default/docker";
    public static final String SYSCONFIG_DOCKER = "/etc/sysconfig/docker";
    public static final String CONTAINERD_SOCKET = "containerd socket";

    /** Where systemd reads units from, highest precedence first. */
    public static final List<String> UNIT_DIRECTORIES = List.of(
            "/etc/systemd/system", "/run/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system");

    public DaemonFiles {
        roles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(roles));
    }

    /**
     * @param searched the paths (or patterns) looked at; empty when the daemon names none, as for
     *                 TLS files of a daemon without TLS
     * @param found    those that exist, with their status
     * @param why      when {@code searched} is empty, the reason
     */
    public record Located(List<String> searched, List<FileStatus> found, String why) {

        public Located {
            searched = List.copyOf(searched);
            found = List.copyOf(found);
        }
    }
}
