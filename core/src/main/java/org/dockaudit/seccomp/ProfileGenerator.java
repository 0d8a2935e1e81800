package org.dockaudit.seccomp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An allow-list profile from what a workload was seen to call: the talk's method of profiling
 * with {@code strace -qcf}, plus the calls runc itself makes once the filter is loaded.
 */
public final class ProfileGenerator {

    /** One row of strace's summary: "% time seconds usecs/call calls [errors] syscall". */
    private static final Pattern ROW = Pattern.compile("^\\s*[0-9.]+\\s+[0-9.]+\\s+(?:[0-9]+\\s+)?[0-9]+\\s+(?:[0-9]+\\s+)?([a-z_0-9]+)\\s*$");

    /** One call of {@code strace -f} output: optional pid ("[pid 12]" or "12 "), optional time, then "name(". */
    private static final Pattern CALL = Pattern.compile("^(?:\\[pid\\s+(\\d+)\\]\\s+|(\\d+)\\s+)?(?:[0-9:.]+\\s+)?([a-z_][a-z0-9_]*)\\(");
    /** strace's note when a process changes ABI: "[ Process PID=12 runs in 32 bit mode. ]". */
    private static final Pattern MODE = Pattern.compile("^\\[ Process PID=(\\d+) runs in (32 bit|64 bit|x32) mode\\. \\]$");

    private ProfileGenerator() {}

    /**
     * Syscalls by ABI, from {@code strace -c} summaries (several ABI sections possible) or from the
     * full output of {@code strace -f} (each call line; a process's ABI from strace's mode notes).
     */
    public static Map<Arch, Set<String>> parseStrace(List<String> lines) {
        Map<Arch, Set<String>> seen = new EnumMap<>(Arch.class);
        Map<String, Arch> modes = new java.util.HashMap<>();
        Arch current = Arch.X86_64;
        for (String line : lines) {
            Matcher mode = MODE.matcher(line.strip());
            if (mode.matches()) {
                modes.put(mode.group(1), switch (mode.group(2)) {
                    case "32 bit" -> Arch.I386;
                    case "x32" -> Arch.X32;
                    default -> Arch.X86_64;
                });
                continue;
            }
            Matcher call = CALL.matcher(line);
            if (call.find() && !line.contains("resumed>")) {
                String pid = call.group(1) != null ? call.group(1) : call.group(2);
                seen.computeIfAbsent(pid == null ? Arch.X86_64 : modes.getOrDefault(pid, Arch.X86_64), k -> new TreeSet<>()).add(call.group(3));
                continue;
            }
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("system call usage summary for 32 bit mode")) {
                current = Arch.I386;
            } else if (lower.contains("system call usage summary for x32 mode")) {
                current = Arch.X32;
            } else if (lower.contains("system call usage summary for 64 bit mode")) {
                current = Arch.X86_64;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches() && !row.group(1).equals("total")) {
                seen.computeIfAbsent(current, k -> new TreeSet<>()).add(row.group(1));
            }
        }
        return seen;
    }

    /** The syscalls runc's init makes after loading the filter (measured, see the data file). */
    public static List<String> runcNeeds() {
        return DataTables.rows(ProfileGenerator.class, "runc-after-filter.txt").stream().map(row -> row[0].strip()).toList();
    }

    /**
     * The calls made on a process's behalf that no trace of its program shows reliably: the
     * kernel's restart_syscall, signal returns, exits, the Go runtime of runc's init (see the data file).
     */
    public static List<String> implicitCalls() {
        return DataTables.rows(ProfileGenerator.class, "implicit-calls.txt").stream().map(row -> row[0].strip()).toList();
    }

    /**
     * A Docker profile: errno EPERM by default, the native architecture and the other ABIs seen,
     * the workload's syscalls, runc's, and those made on the workload's behalf. Names the workload
     * or runc gave that no ABI knows are reported in {@code unknown}.
     */
    public static ObjectNode profile(Map<Arch, Set<String>> seen, Arch nativeArch, List<String> unknown) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode profile = json.objectNode();
        profile.put("defaultAction", "SCMP_ACT_ERRNO");
        profile.put("defaultErrnoRet", 1);
        ObjectNode archMap = profile.putArray("archMap").addObject();
        archMap.put("architecture", nativeArch.scmp());
        ArrayNode subs = archMap.putArray("subArchitectures");
        for (Arch abi : seen.keySet()) {
            if (abi != nativeArch) {
                subs.add(abi.scmp());
            }
        }
        Set<String> names = new TreeSet<>();
        seen.values().forEach(names::addAll);
        names.addAll(runcNeeds());
        for (String name : names) {
            if (!knownToAny(name, seen.keySet(), nativeArch)) {
                unknown.add(name);
            }
        }
        // Only the names one of the profile's ABIs has: sigreturn is i386's and arm's.
        implicitCalls().stream().filter(name -> knownToAny(name, seen.keySet(), nativeArch)).forEach(names::add);
        ObjectNode entry = profile.putArray("syscalls").addObject();
        ArrayNode list = entry.putArray("names");
        names.forEach(list::add);
        entry.put("action", "SCMP_ACT_ALLOW");
        entry.put("comment", "seen in the workload's trace, plus what runc calls after loading the filter, plus what the"
                + " kernel, the C library and runc's Go runtime call on the workload's behalf (restart_syscall, rt_sigreturn, ...)");
        return profile;
    }

    private static boolean knownToAny(String name, Set<Arch> abis, Arch nativeArch) {
        return nativeArch.number(name).isPresent() || abis.stream().anyMatch(abi -> abi.number(name).isPresent());
    }
}
