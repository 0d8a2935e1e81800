package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the host says, as seen by the collector. Fields absent from an older snapshot read as null
 * and are unknown to the checks.
 *
 * @param capLastCap         highest capability number this kernel knows
 *                           ({@code /proc/sys/kernel/cap_last_cap})
 * @param namespaces         namespace inodes of the reference process, by kind ({@code net}, ...)
 * @param namespaceReference which process the inodes come from: {@code pid 1}, or the collector
 *                           itself when pid 1 cannot be read
 * @param kernelRelease      {@code /proc/sys/kernel/osrelease}
 * @param securityModules    active LSMs ({@code /sys/kernel/security/lsm}, or derived from
 *                           {@code /sys/module/apparmor} and selinuxfs when securityfs is not mounted)
 * @param controlSockets     the Docker and containerd sockets that exist, with mode and owner
 * @param groupFile          {@code /etc/group}
 * @param passwdFile         {@code /etc/passwd}
 * @param daemonProcess      the {@code dockerd} serving the audited endpoint
 * @param daemonConfig       its {@code daemon.json}
 * @param socketActivation   systemd {@code docker.socket} unit, when dockerd is socket-activated
 * @param auditRules         auditd's persistent rules and the Docker paths they may watch
 * @param daemonFiles        owner and mode of the daemon's configuration files and sockets
 * @param dataRoot           the file system that holds the daemon's data root
 * @param contentTrust       where {@code DOCKER_CONTENT_TRUST} is set for the host's Docker clients
 * @param engineSeccompProfile the default seccomp profile file the engine names, when it names one
 *                             (Podman's {@code host.security.seccompProfilePath}, containers-common's);
 *                             Docker's is built into dockerd, by version
 */
public record HostFacts(
        Fact<Integer> capLastCap,
        Fact<Map<String, Long>> namespaces,
        String namespaceReference,
        Fact<String> kernelRelease,
        Fact<List<String>> securityModules,
        Fact<List<FileStatus>> controlSockets,
        Fact<String> groupFile,
        Fact<String> passwdFile,
        Fact<DaemonProcess> daemonProcess,
        Fact<ConfigFile> daemonConfig,
        Fact<ConfigFile> socketActivation,
        Fact<AuditRules> auditRules,
        Fact<DaemonFiles> daemonFiles,
        Fact<DataRoot> dataRoot,
        Fact<EnvironmentSetting> contentTrust,
        Fact<JsonNode> engineSeccompProfile) {

    public HostFacts {
        // Snapshots older than these fields: not collected, said so.
        auditRules = orNotRecorded(auditRules, "audit rules");
        daemonFiles = orNotRecorded(daemonFiles, "the daemon's files");
        dataRoot = orNotRecorded(dataRoot, "the data root's file system");
        contentTrust = orNotRecorded(contentTrust, "content trust settings");
        engineSeccompProfile = orNotRecorded(engineSeccompProfile, "the engine's default seccomp profile");
    }

    /** These facts with the engine's default seccomp profile, read once the engine has named it. */
    public HostFacts withEngineSeccompProfile(Fact<JsonNode> profile) {
        return new HostFacts(capLastCap, namespaces, namespaceReference, kernelRelease, securityModules, controlSockets, groupFile,
                passwdFile, daemonProcess, daemonConfig, socketActivation, auditRules, daemonFiles, dataRoot, contentTrust, profile);
    }

    private static <T> Fact<T> orNotRecorded(Fact<T> fact, String what) {
        return fact != null ? fact : Fact.unknown(Fact.Gap.NOT_COLLECTED, what + " were not recorded in this snapshot");
    }

    /** Facts this input does not carry (inspect output, an older snapshot). */
    public static HostFacts notCollected(String reason) {
        Fact<?> none = Fact.unknown(Fact.Gap.NOT_COLLECTED, reason);
        return new HostFacts(cast(none), cast(none), "none", cast(none), cast(none), cast(none), cast(none), cast(none),
                cast(none), cast(none), cast(none), cast(none), cast(none), cast(none), cast(none), cast(none));
    }

    /** An unknown fact holds no value, so it is one of any type. */
    @SuppressWarnings("unchecked")
    private static <T> Fact<T> cast(Fact<?> unknown) {
        return (Fact<T>) unknown;
    }
}
