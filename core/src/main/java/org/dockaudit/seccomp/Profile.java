package org.dockaudit.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Docker JSON seccomp profile, resolved as one {@link Loader} applies it: moby keeps the native
 * architecture's {@code archMap} entry and the entries whose {@code includes} and {@code excludes}
 * hold (capabilities, architectures, kernel); runc skips rules whose action is the default and
 * names libseccomp does not know, splits comparisons on one same argument into separate rules,
 * and answers ENOSYS above the highest syscall named; libseccomp masks MASKED_EQ data and adds the
 * multiplexed form of socket and IPC calls.
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
                // libseccomp masks the datum too: bits outside the mask never count.
                case "SCMP_CMP_MASKED_EQ" -> (a & v) == (w & v);
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
     * @param notes     what the loader does differently from what the profile says
     */
    public record Resolved(List<Arch> abis, Action defaultAction, Map<Arch, Map<Integer, List<Rule>>> rules,
            Map<Arch, Integer> stubAbove, List<String> notes) {

        /** The action for one call, by the profile's own semantics: the first rule that matches. */
        public Action evaluate(Arch arch, SeccompData data) {
            if (!abis.contains(arch)) {
                return BAD_ARCH;
            }
            Integer above = stubAbove.get(arch);
            // runc's x86_64 stub tests bit 30 first, so nr -1 passes it when the filter has no x32.
            boolean skipped = arch == Arch.X86_64 && data.nr() == -1 && !abis.contains(Arch.X32);
            if (above != null && !skipped && Integer.toUnsignedLong(data.nr()) > Integer.toUnsignedLong(above)) {
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
    /** runc's "permissive" default actions, for which it adds no ENOSYS stub. */
    private static final Set<String> PERMISSIVE = Set.of("SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_TRACE");

    /** The names moby's includes/excludes use for the native architecture. */
    private static final Map<Arch, String> MOBY_ARCHES = Map.of(
            Arch.X86_64, "amd64", Arch.I386, "x86", Arch.X32, "x32", Arch.AARCH64, "arm64", Arch.ARM, "arm",
            Arch.RISCV64, "riscv64", Arch.PPC64LE, "ppc64le", Arch.S390X, "s390x");

    private Profile() {}

    static boolean is64Bit(Arch arch) {
        return arch != Arch.I386 && arch != Arch.ARM && arch != Arch.X32;
    }

    /**
     * @param capabilities the container's bounding set ({@code CAP_...}), which includes/excludes test
     * @throws IllegalArgumentException for a profile the engine refuses, with its reason
     */
    public static Resolved resolve(JsonNode profile, Set<String> capabilities, Loader loader) {
        if (!profile.isObject() || !profile.has("defaultAction")) {
            throw new IllegalArgumentException("not a seccomp profile: no defaultAction");
        }
        if (profile.path("architectures").size() > 0 && profile.path("archMap").size() > 0) {
            throw new IllegalArgumentException("Docker refuses a profile with both 'architectures' and 'archMap'");
        }
        List<String> notes = new ArrayList<>();
        JsonNode defaultErrnoRet = profile.path("defaultErrnoRet").isNull() ? MissingNode.getInstance() : profile.path("defaultErrnoRet");
        if (!defaultErrnoRet.isMissingNode() && !loader.passesDefaultErrnoRet()) {
            if (defaultErrnoRet.asInt() != 1) {
                notes.add("defaultErrnoRet " + defaultErrnoRet.asText() + " is ignored before Docker 23.0: the default action returns EPERM");
            }
            defaultErrnoRet = MissingNode.getInstance();
        }
        String defaultName = profile.path("defaultAction").asText();
        Action defaultAction = action(defaultName, defaultErrnoRet);
        Arch nativeArch = loader.nativeArch();
        List<Arch> abis = abis(profile, nativeArch);
        Map<Arch, Map<Integer, List<Rule>>> rules = new LinkedHashMap<>();
        Map<Arch, Integer> highest = new LinkedHashMap<>();
        for (Arch abi : abis) {
            rules.put(abi, new TreeMap<>());
        }
        Libseccomp libseccomp = loader.libseccomp();
        for (JsonNode entry : profile.path("syscalls")) {
            if (entry.has("name") && entry.path("names").size() > 0) {
                throw new IllegalArgumentException("Docker refuses a syscall entry with both 'name' and 'names'");
            }
            if (!applies(entry, nativeArch, capabilities, loader.kernel())) {
                continue;
            }
            Action action = action(entry.path("action").asText(), entry.path("errnoRet"));
            List<String> names = new ArrayList<>();
            entry.path("names").forEach(name -> names.add(name.asText()));
            if (entry.has("name")) {
                names.add(entry.path("name").asText());
            }
            for (Arch abi : stubbed(profile, abis, loader)) {
                for (String name : names) {
                    libseccomp.stubNumber(abi, name).ifPresent(nr -> highest.merge(abi, nr, (a, b) -> Integer.compareUnsigned(a, b) >= 0 ? a : b));
                }
            }
            if (action.equals(defaultAction)) {
                continue;  // runc skips a rule that changes nothing
            }
            List<List<ArgCompare>> conditions = conditions(entry.path("args"));
            for (Arch abi : abis) {
                for (String name : names) {
                    if (!libseccomp.knows(name)) {
                        continue;  // runc: a name libseccomp cannot resolve on the native ABI is skipped everywhere
                    }
                    Map<Integer, List<Rule>> byNumber = rules.get(abi);
                    for (List<ArgCompare> args : conditions) {
                        if (libseccomp.resolves(abi, name)) {
                            byNumber.computeIfAbsent(abi.number(name).orElseThrow(), k -> new ArrayList<>()).add(new Rule(action, args));
                        }
                        libseccomp.multiplexed(abi, name).ifPresent(mux -> byNumber
                                .computeIfAbsent(mux.multiplexer(), k -> new ArrayList<>()).add(new Rule(action, multiplexedArgs(mux, args))));
                    }
                }
            }
        }
        // runc: syscalls newer than any the profile names get ENOSYS, so that libcs fall back.
        // It adds none under a permissive default, nor when defaultErrnoRet already says ENOSYS.
        boolean noStub = PERMISSIVE.contains(defaultName) || defaultErrnoRet.isNumber() && defaultErrnoRet.asInt() == 38;
        Map<Arch, Integer> stub = noStub ? Map.of() : highest;
        return new Resolved(abis, defaultAction, rules, stub, List.copyOf(notes));
    }

    /**
     * The ABIs runc's ENOSYS stub covers: those the profile lists, and from runc 1.2 the native
     * one too (a profile without {@code architectures} gets no stub from runc 1.1).
     */
    private static List<Arch> stubbed(JsonNode profile, List<Arch> abis, Loader loader) {
        return loader.stubsNativeArch() || listsNative(profile, loader.nativeArch()) ? abis : abis.subList(1, abis.size());
    }

    private static boolean listsNative(JsonNode profile, Arch nativeArch) {
        for (JsonNode name : profile.path("architectures")) {
            if (Arch.byScmp(name.asText()).orElse(null) == nativeArch) {
                return true;
            }
        }
        for (JsonNode entry : profile.path("archMap")) {
            if (Arch.byScmp(entry.path("architecture").asText()).orElse(null) == nativeArch) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rules one entry's comparisons make. runc ANDs comparisons on distinct arguments into one
     * rule, but gives each its own rule (an OR) as soon as two compare the same argument.
     */
    private static List<List<ArgCompare>> conditions(JsonNode args) {
        List<ArgCompare> all = new ArrayList<>();
        for (JsonNode arg : args) {
            int index = arg.path("index").asInt();
            if (index < 0 || index > 5) {
                throw new IllegalArgumentException("argument index " + index + " is not between 0 and 5");
            }
            all.add(new ArgCompare(index, arg.path("value").asLong(), arg.path("valueTwo").asLong(), arg.path("op").asText()));
        }
        boolean repeated = all.stream().map(ArgCompare::index).distinct().count() < all.size();
        return repeated ? all.stream().map(List::of).toList() : List.of(List.copyOf(all));
    }

    /**
     * libseccomp's multiplexed copy of a rule: argument 0 becomes the call's number, whatever
     * the rule said of it; the other comparisons stay, on the multiplexer's own arguments.
     */
    private static List<ArgCompare> multiplexedArgs(Libseccomp.Multiplexed mux, List<ArgCompare> args) {
        List<ArgCompare> result = new ArrayList<>();
        result.add(new ArgCompare(0, mux.call(), 0, "SCMP_CMP_EQ"));
        args.stream().filter(arg -> arg.index() != 0).forEach(result::add);
        return List.copyOf(result);
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

    /** moby's filter on an entry, in its order: excludes first, then includes. */
    private static boolean applies(JsonNode entry, Arch nativeArch, Set<String> capabilities, String kernel) {
        JsonNode includes = entry.path("includes");
        JsonNode excludes = entry.path("excludes");
        String arch = MOBY_ARCHES.get(nativeArch);
        if (contains(excludes.path("arches"), arch) || anyMatch(excludes.path("caps"), capabilities::contains)) {
            return false;
        }
        String excludedFrom = excludes.path("minKernel").asText("");
        if (!excludedFrom.isEmpty() && kernel != null && compareKernel(kernel, excludedFrom) >= 0) {
            return false;
        }
        if (includes.path("arches").size() > 0 && !contains(includes.path("arches"), arch)
                || anyMatch(includes.path("caps"), cap -> !capabilities.contains(cap))) {
            return false;
        }
        String minKernel = includes.path("minKernel").asText("");
        return minKernel.isEmpty() || kernel == null || compareKernel(kernel, minKernel) >= 0;
    }

    private static boolean anyMatch(JsonNode array, java.util.function.Predicate<String> test) {
        for (JsonNode element : array) {
            if (test.test(element.asText())) {
                return true;
            }
        }
        return false;
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
