package org.dockaudit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Linux capability numbers and names ({@code include/uapi/linux/capability.h}). */
public final class Capabilities {

    private static final List<String> NAMES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
            "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
            "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
            "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
            "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
            "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
            "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    private Capabilities() {}

    /** The name of capability {@code number}; numbers newer than this table read {@code CAP_<n>}. */
    public static String name(int number) {
        return number < NAMES.size() ? NAMES.get(number) : "CAP_" + number;
    }

    /**
     * Decodes a hexadecimal mask from {@code /proc/<pid>/status}, considering only the bits up to
     * {@code lastCap}: the kernel's own count, never an assumed one.
     */
    public static List<String> decode(String hexMask, int lastCap) {
        long mask = Long.parseUnsignedLong(hexMask.trim(), 16);
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit <= lastCap && bit < 64; bit++) {
            if ((mask & (1L << bit)) != 0) {
                names.add(name(bit));
            }
        }
        return names;
    }

    /** {@code sys_admin}, {@code CAP_SYS_ADMIN} and {@code SYS_ADMIN} all become {@code CAP_SYS_ADMIN}. */
    public static String canonical(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return upper.equals("ALL") || upper.startsWith("CAP_") ? upper : "CAP_" + upper;
    }

    /** Every capability this kernel knows, for {@code ALL}. */
    public static List<String> all(int lastCap) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit <= lastCap; bit++) {
            names.add(name(bit));
        }
        return names;
    }
}
