package org.dockaudit.check;

import java.util.List;
import java.util.Set;

/** What Docker grants a container when nothing is said: the baseline checks compare with. */
public final class DockerDefaults {

    /** moby {@code oci/caps/defaults.go}. */
    public static final Set<String> CAPABILITIES = Set.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /**
     * The v1 {@code devices.list} of a default container (read from one on Docker 20.10 with runc
     * 1.1): mknod of anything, use of the pseudo-devices, the pty and the tun device.
     */
    public static final List<String> DEVICE_RULES = List.of(
            "b *:* m", "c *:* m", "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm",
            "c 5:0 rwm", "c 5:1 rwm", "c 5:2 rwm", "c 10:200 rwm", "c 136:* rwm");

    private DockerDefaults() {}
}
