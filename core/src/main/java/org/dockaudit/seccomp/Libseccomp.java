package org.dockaudit.seccomp;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a libseccomp version does with the names of a profile. runc hands every name to
 * libseccomp and drops those it cannot resolve: a name newer than the library stays refused in
 * the installed filter, whatever the profile says. The unresolved names are measured against the
 * library itself ({@code scripts/gen-libseccomp-names.sh}), one data file per version.
 */
public final class Libseccomp {

    /** Debian 12's libseccomp 2.5.4, which its runc links: the version the lab runs. */
    public static final Libseccomp DEBIAN_12 = load("2.5.4");

    /**
     * The ABIs where socket and IPC calls also go through {@code socketcall} and {@code ipc}.
     * There libseccomp resolves such a name to a pseudo-number and installs the rule twice: on the
     * direct call, and on the multiplexer with argument 0 set to the call's number.
     */
    private static final Set<Arch> MULTIPLEXING = Set.of(Arch.I386, Arch.PPC64LE, Arch.S390X);
    private static final Map<String, Integer> IPC_CALLS = Map.ofEntries(
            Map.entry("semop", 1), Map.entry("semget", 2), Map.entry("semctl", 3), Map.entry("semtimedop", 4),
            Map.entry("msgsnd", 11), Map.entry("msgrcv", 12), Map.entry("msgget", 13), Map.entry("msgctl", 14),
            Map.entry("shmat", 21), Map.entry("shmdt", 22), Map.entry("shmget", 23), Map.entry("shmctl", 24));
    private static final Map<String, Integer> SOCKET_CALLS = Map.ofEntries(
            Map.entry("socket", 1), Map.entry("bind", 2), Map.entry("connect", 3), Map.entry("listen", 4),
            Map.entry("accept", 5), Map.entry("getsockname", 6), Map.entry("getpeername", 7), Map.entry("socketpair", 8),
            Map.entry("send", 9), Map.entry("recv", 10), Map.entry("sendto", 11), Map.entry("recvfrom", 12),
            Map.entry("shutdown", 13), Map.entry("setsockopt", 14), Map.entry("getsockopt", 15), Map.entry("sendmsg", 16),
            Map.entry("recvmsg", 17), Map.entry("accept4", 18), Map.entry("recvmmsg", 19), Map.entry("sendmmsg", 20));

    /** A multiplexed form: the multiplexer's number and the value of its argument 0. */
    public record Multiplexed(int multiplexer, int call) {}

    private final String version;
    private final Map<Arch, Set<String>> unresolved;

    private Libseccomp(String version, Map<Arch, Set<String>> unresolved) {
        this.version = version;
        this.unresolved = unresolved;
    }

    static Libseccomp load(String version) {
        Map<Arch, Set<String>> unresolved = new EnumMap<>(Arch.class);
        for (String[] row : DataTables.rows(Libseccomp.class, "libseccomp/" + version + ".tsv")) {
            Arch arch = Arch.byId(row[0]).orElseThrow(() -> new IllegalStateException("libseccomp/" + version + ".tsv: unknown arch " + row[0]));
            unresolved.computeIfAbsent(arch, a -> new HashSet<>()).add(row[1]);
        }
        return new Libseccomp(version, unresolved);
    }

    public String version() {
        return version;
    }

    /** Whether the library turns {@code name} into a direct call number on {@code arch}. */
    public boolean resolves(Arch arch, String name) {
        return arch.number(name).isPresent() && !unresolved.getOrDefault(arch, Set.of()).contains(name);
    }

    /**
     * Whether the library knows the name at all. runc resolves each name on the native
     * architecture first and skips the rule everywhere when that fails; names of other ABIs
     * resolve there to pseudo-numbers, so they pass.
     */
    public boolean knows(String name) {
        if (IPC_CALLS.containsKey(name) || SOCKET_CALLS.containsKey(name)) {
            return true;
        }
        for (Arch arch : Arch.values()) {
            if (resolves(arch, name)) {
                return true;
            }
        }
        return false;
    }

    /** The multiplexed form of {@code name} on {@code arch}, where the library installs one. */
    public Optional<Multiplexed> multiplexed(Arch arch, String name) {
        if (!MULTIPLEXING.contains(arch)) {
            return Optional.empty();
        }
        Integer socket = SOCKET_CALLS.get(name);
        if (socket != null) {
            return arch.number("socketcall").map(nr -> new Multiplexed(nr, socket));
        }
        Integer ipc = IPC_CALLS.get(name);
        return ipc == null ? Optional.empty() : arch.number("ipc").map(nr -> new Multiplexed(nr, ipc));
    }

    /**
     * The number {@code seccomp_syscall_resolve_name_arch} returns, when it is a real one: a
     * multiplexed name resolves to a negative pseudo-number, which runc's ENOSYS stub ignores.
     */
    public Optional<Integer> stubNumber(Arch arch, String name) {
        return resolves(arch, name) && multiplexed(arch, name).isEmpty() ? arch.number(name) : Optional.empty();
    }
}
