package org.dockaudit.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Docker JSON seccomp profile, resolved as moby and runc apply it on one host: the native
 * architecture's {@code archMap} entry, entries kept or dropped by their {@code includes} and
 * {@code excludes} (capabilities, architectures, minimum kernel), names unknown to an
 * architecture ignored, and runc's stub answering ENOSYS above the highest syscall named.
 */
public final class Profile {

    /** One argument comparison ({@code SCMP_CMP_*}); for MASKED_EQ, {@code value} is the mask. */
    public record ArgCompare(int index, long value, long valueTwo, String op) {

        boolean holds(long argument, boolean wide) {
            long a = wide ? argument : argument & 0xffffffffL;
            long v = wide ? value : value & 0xffffffffL;
            long w = wide ? valueTwo : valueTwo & 0xffffffffL;
            return switch (op) {
                case "SCMP_CMP_EQ" -> a == v;
                case "SCMP_CMP_NE" -> a != v;
                case "SCMP_CMP_LT" -> Long.compareUnsigned(a, v) < 0;
                case "SCMP_CMP_LE" -> Long.compareUnsigned(a, v) <= 0;
                case "SCMP_CMP_GT" -> Long.compareUnsigned(a, v) > 0;
                case "SCMP_CMP_GE" -> Long.compareUnsigned(a, v) >= 0;
                case "SCMP_CMP_MASKED_EQ" -> (a & v) == w;
                default -> throw new IllegalArgumentException("unknown operator " + op);
            };
        }
    }

    /** A rule of one syscall: the action when every comparison holds. */
    public record Rule(Action action, List<ArgCompare> args) {}

    /**
     * @param abis      the architectures the filter admits, native first
     * @param rules     per architecture, per syscall number, the rules in profile order
     * @param stubAbove per architecture, the number above which runc answers ENOSYS (absent: no stub)
     */
    public record Resolved(List<Arch> abis, Action defaultAction, Map<Arch, Map<Integer, List<Rule>>> rules,
            Map<Arch, Integer> stubAbove) {

        /** The action for one call, by the profile's own semantics: the first rule that matches. */
        public Action evaluate(Arch arch, SeccompData data) {
            if (!abis.contains(arch)) {
                return BAD_ARCH;
            }
            Integer above = stubAbove.get(arch);
            if (above != null && Integer.toUnsignedLong(data.nr()) > Integer.toUnsignedLong(above)) {
                return ENOSYS;
            }
            boolean wide = is64Bit(arch);
            for (Rule rule : rules.get(arch).getOrDefault(data.nr(), List.of())) {
                if (rule.args().stream().allMatch(c -> c.holds(data.args()[c.index()], wide))) {
                    return rule.action();
                }
            }
            return defaultAction;
        }
    }

    /** libseccomp's action for an architecture the filter does not list. */
    static final Action BAD_ARCH = Action.of(Action.Kind.KILL_THREAD.value);
    static final Action ENOSYS = Action.of(Action.Kind.ERRNO.value | 38);
    private static final Set<String> ALLOWING = Set.of("SCMP_ACT_ALLOW", "SCMP_ACT_LOG");

    /** The names moby's includes/excludes use: Go's GOARCH values, plus x32 and x86. */
    private static final Map<Arch, String> GO_ARCHES = Map.of(
            Arch.X86_64, "amd64", Arch.I386, "386", Arch.X32, "x32", Arch.AARCH64, "arm64", Arch.ARM, "arm",
            Arch.RISCV64, "riscv64", Arch.PPC64LE, "ppc64le", Arch.S390X, "s390x");

    /** i386 multiplexers: libseccomp also adds each named call as ipc(call) or socketcall(call). */
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

    private Profile() {}

    static boolean is64Bit(Arch arch) {
        return arch != Arch.I386 && arch != Arch.ARM && arch != Arch.X32;
    }

    /**
     * @param capabilities the container's capabilities ({@code CAP_...}), which includes/excludes test
     * @param kernel       the host kernel release, or null to keep every minKernel entry
     */
    public static Resolved resolve(JsonNode profile, Arch nativeArch, Set<String> capabilities, String kernel) {
        if (!profile.isObject() || !profile.has("defaultAction")) {
            throw new IllegalArgumentException("not a seccomp profile: no defaultAction");
        }
        Action defaultAction = action(profile.path("defaultAction").asText(), profile.path("defaultErrnoRet"));
        List<Arch> abis = abis(profile, nativeArch);
        Map<Arch, Map<Integer, List<Rule>>> rules = new LinkedHashMap<>();
        Map<Arch, Integer> highest = new LinkedHashMap<>();
        for (Arch abi : abis) {
            rules.put(abi, new TreeMap<>());
        }
        for (JsonNode entry : profile.path("syscalls")) {
            if (!applies(entry, nativeArch, capabilities, kernel)) {
                continue;
            }
            Action action = action(entry.path("action").asText(), entry.path("errnoRet"));
            List<ArgCompare> args = new ArrayList<>();
            for (JsonNode arg : entry.path("args")) {
                args.add(new ArgCompare(arg.path("index").asInt(), arg.path("value").asLong(), arg.path("valueTwo").asLong(),
                        arg.path("op").asText()));
            }
            List<String> names = new ArrayList<>();
            entry.path("names").forEach(name -> names.add(name.asText()));
            if (entry.has("name")) {
                names.add(entry.path("name").asText());
            }
            for (Arch abi : abis) {
                for (String name : names) {
                    // Names this architecture or libseccomp does not have are ignored, as runc does.
                    abi.number(name).filter(nr -> Libseccomp.DEBIAN_12.resolves(abi, name)).ifPresent(nr -> {
                        rules.get(abi).computeIfAbsent(nr, k -> new ArrayList<>()).add(new Rule(action, List.copyOf(args)));
                        highest.merge(abi, nr, (a, b) -> Integer.compareUnsigned(a, b) >= 0 ? a : b);
                    });
                    if (abi == Arch.I386 && args.isEmpty()) {
                        multiplexed(rules.get(abi), "ipc", IPC_CALLS.get(name), action);
                        multiplexed(rules.get(abi), "socketcall", SOCKET_CALLS.get(name), action);
                    }
                }
            }
        }
        // runc: syscalls newer than any the profile names get ENOSYS, so that libcs fall back.
        Map<Arch, Integer> stub = ALLOWING.contains(profile.path("defaultAction").asText()) ? Map.of() : highest;
        return new Resolved(abis, defaultAction, rules, stub);
    }

    private static void multiplexed(Map<Integer, List<Rule>> rules, String multiplexer, Integer call, Action action) {
        if (call != null) {
            rules.computeIfAbsent(Arch.I386.number(multiplexer).orElseThrow(), k -> new ArrayList<>())
                    .add(new Rule(action, List.of(new ArgCompare(0, call, 0, "SCMP_CMP_EQ"))));
        }
    }

    private static List<Arch> abis(JsonNode profile, Arch nativeArch) {
        List<Arch> abis = new ArrayList<>();
        for (JsonNode entry : profile.path("archMap")) {
            if (Arch.byScmp(entry.path("architecture").asText()).orElse(null) == nativeArch) {
                abis.add(nativeArch);
                for (JsonNode sub : entry.path("subArchitectures")) {
                    Arch.byScmp(sub.asText()).filter(arch -> !abis.contains(arch)).ifPresent(abis::add);
                }
            }
        }
        for (JsonNode name : profile.path("architectures")) {
            Arch.byScmp(name.asText()).filter(arch -> !abis.contains(arch)).ifPresent(abis::add);
        }
        if (!abis.contains(nativeArch)) {
            abis.addFirst(nativeArch);
        }
        return abis;
    }

    private static boolean applies(JsonNode entry, Arch nativeArch, Set<String> capabilities, String kernel) {
        JsonNode includes = entry.path("includes");
        JsonNode excludes = entry.path("excludes");
        String goArch = GO_ARCHES.get(nativeArch);
        if (includes.path("arches").size() > 0 && !contains(includes.path("arches"), goArch)) {
            return false;
        }
        if (contains(excludes.path("arches"), goArch)) {
            return false;
        }
        for (JsonNode cap : includes.path("caps")) {
            if (!capabilities.contains(cap.asText().toUpperCase(Locale.ROOT))) {
                return false;
            }
        }
        for (JsonNode cap : excludes.path("caps")) {
            if (capabilities.contains(cap.asText().toUpperCase(Locale.ROOT))) {
                return false;
            }
        }
        String minKernel = includes.path("minKernel").asText("");
        return minKernel.isEmpty() || kernel == null || compareKernel(kernel, minKernel) >= 0;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (element.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static int compareKernel(String release, String minimum) {
        String[] a = release.split("[^0-9]+");
        String[] b = minimum.split("[^0-9]+");
        for (int i = 0; i < 2; i++) {
            int x = i < a.length && !a[i].isEmpty() ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length && !b[i].isEmpty() ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    static Action action(String name, JsonNode errnoRet) {
        int errno = errnoRet.isNumber() ? errnoRet.asInt() : 1;
        return switch (name) {
            case "SCMP_ACT_ALLOW" -> Action.of(Action.Kind.ALLOW.value);
            case "SCMP_ACT_LOG" -> Action.of(Action.Kind.LOG.value);
            case "SCMP_ACT_ERRNO" -> Action.of(Action.Kind.ERRNO.value | (errno & 0xffff));
            case "SCMP_ACT_TRACE" -> Action.of(Action.Kind.TRACE.value | (errno & 0xffff));
            case "SCMP_ACT_TRAP" -> Action.of(Action.Kind.TRAP.value);
            case "SCMP_ACT_NOTIFY" -> Action.of(Action.Kind.USER_NOTIF.value);
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> Action.of(Action.Kind.KILL_THREAD.value);
            case "SCMP_ACT_KILL_PROCESS" -> Action.of(Action.Kind.KILL_PROCESS.value);
            default -> throw new IllegalArgumentException("unknown action " + name);
        };
    }
}
