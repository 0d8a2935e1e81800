package org.dockaudit.collect;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.dockaudit.model.CapabilitySets;
import org.dockaudit.model.Capabilities;
import org.dockaudit.model.Fact;
import org.dockaudit.model.MountEntry;
import org.dockaudit.model.ProcessStatus;
import org.dockaudit.seccomp.Arch;

/**
 * Reads {@code /proc} below a root directory, so that tests run on fixture trees. Every method
 * returns what it could not read as an unknown fact with the reason, never an exception.
 */
public final class ProcFs {

    /** The namespaces a process has, as {@code /proc/<pid>/ns} names them. */
    public static final List<String> NAMESPACE_KINDS = List.of("cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts");

    /**
     * Compiled once: String.split compiles a pattern of more than one character at each call, and
     * an audit splits thousands of lines of /proc.
     */
    static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Path proc;

    public ProcFs(Path root) {
        this.proc = root.resolve("proc");
    }

    public Fact<Integer> capLastCap() {
        return read(proc.resolve("sys/kernel/cap_last_cap"), text -> Integer.parseInt(text.trim()));
    }

    /** Pids of every process visible in {@code /proc}. */
    public List<Integer> pids() throws IOException {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Integer.parseInt(name));
                }
            }
        }
        return pids;
    }

    /** Lines of {@code /proc/<pid>/cgroup} as hierarchy (controllers, or empty for v2) to path. */
    public Fact<Map<String, String>> cgroups(int pid) {
        return read(proc.resolve(pid + "/cgroup"), text -> {
            Map<String, String> paths = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                String[] parts = line.split(":", 3);
                if (parts.length == 3) {
                    paths.put(parts[1], parts[2]);
                }
            }
            return paths;
        });
    }

    public Fact<String> command(int pid) {
        return read(proc.resolve(pid + "/comm"), String::strip);
    }

    /** The processes whose command ({@code /proc/<pid>/comm}) is {@code name}: the host's dockerd. */
    public List<Integer> pidsOf(String name) throws IOException {
        List<Integer> found = new ArrayList<>();
        for (int pid : pids()) {
            Fact<String> command = command(pid);
            if (command.known() && command.value().equals(name)) {
                found.add(pid);
            }
        }
        return found;
    }

    /** {@code /proc/<pid>/cmdline}, split at its NUL separators. */
    public Fact<List<String>> arguments(int pid) {
        return read(proc.resolve(pid + "/cmdline"), text -> List.of(text.split("\0")));
    }

    /** Inodes of the sockets among the process's file descriptors ({@code socket:[12345]}). */
    public Fact<Set<Long>> socketInodes(int pid) {
        Path fds = proc.resolve(pid + "/fd");
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
            for (Path fd : entries) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException e) {
                    // The descriptor closed while listing: not a listener worth reporting.
                }
            }
        } catch (IOException | RuntimeException e) {
            return failed(fds, e);
        }
        return Fact.of(inodes);
    }

    /** Listening sockets of the process's network namespace, from {@code /proc/<pid>/net/*}. */
    Fact<List<NetTables.Entry>> listeningSockets(int pid) {
        List<NetTables.Entry> entries = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = proc.resolve(pid + "/net/" + table);
            if (Files.exists(file)) {
                Fact<List<NetTables.Entry>> parsed = read(file, text -> NetTables.tcp(table, text));
                if (!parsed.known()) {
                    return parsed;
                }
                entries.addAll(parsed.value());
            }
        }
        Fact<List<NetTables.Entry>> unix = read(proc.resolve(pid + "/net/unix"), NetTables::unix);
        if (!unix.known()) {
            return unix;
        }
        entries.addAll(unix.value());
        return Fact.of(entries);
    }

    public Fact<String> lsmLabel(int pid) {
        return read(proc.resolve(pid + "/attr/current"), text -> text.replace("\0", "").strip());
    }

    public Fact<Map<String, Long>> namespaces(int pid) {
        return namespaces(Integer.toString(pid));
    }

    /** The effective uid of the process reading {@code /proc}, from its status; empty when unreadable. */
    public java.util.Optional<Integer> ownUid() {
        Fact<String> status = read(proc.resolve("self/status"));
        return !status.known() ? java.util.Optional.empty() : status.value().lines().filter(line -> line.startsWith("Uid:"))
                .map(line -> Integer.parseInt(WHITESPACE.split(line)[2])).findFirst();
    }

    /** Namespaces of the process reading {@code /proc}: the reference when pid 1 is out of reach. */
    public Fact<Map<String, Long>> ownNamespaces() {
        return namespaces("self");
    }

    private Fact<Map<String, Long>> namespaces(String pid) {
        Map<String, Long> inodes = new TreeMap<>();
        for (String kind : NAMESPACE_KINDS) {
            Path link = proc.resolve(pid + "/ns/" + kind);
            try {
                // The target reads "net:[4026531840]"; the number is the namespace's inode.
                String target = Files.readSymbolicLink(link).toString();
                int open = target.indexOf('[');
                inodes.put(kind, Long.parseLong(target.substring(open + 1, target.length() - 1)));
            } catch (NoSuchFileException e) {
                // Kernels without this namespace kind (time before 5.6, cgroup before 4.6).
            } catch (IOException | RuntimeException e) {
                return failed(link, e);
            }
        }
        return inodes.isEmpty() ? Fact.unknown(proc.resolve(pid + "/ns") + ": no namespace entries") : Fact.of(inodes);
    }

    /** {@code /proc/<pid>/mountinfo}: mount point, per-mount read-only flag, type and source of each mount. */
    public Fact<List<MountEntry>> mounts(int pid) {
        return read(proc.resolve(pid + "/mountinfo"), text -> {
            List<MountEntry> mounts = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                // id parent major:minor root mount-point options [optional...] - type source super-options
                int separator = line.indexOf(" - ");
                String[] fields = (separator < 0 ? line : line.substring(0, separator)).split(" ");
                String[] after = separator < 0 ? new String[0] : line.substring(separator + 3).split(" ");
                boolean readOnly = List.of(fields[5].split(",")).contains("ro");
                mounts.add(new MountEntry(unescape(fields[4]), readOnly, after.length > 0 ? after[0] : "",
                        after.length > 1 ? unescape(after[1]) : "", fields[2]));
            }
            return mounts;
        });
    }

    /** The kernel writes space, tab, newline and backslash in mountinfo as three octal digits. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether the process has exited: its {@code status} is gone, or says it is a zombie waiting
     * for its parent's {@code wait} (Z) or dead (X). A zombie keeps its status but has lost its
     * namespaces and LSM label: reading them fails, and that is no fact about the container.
     */
    public boolean exited(int pid) {
        Fact<String> status = read(proc.resolve(pid + "/status"));
        if (!status.known()) {
            return true;
        }
        String state = statusFields(status.value()).getOrDefault("State", "");
        return state.startsWith("Z") || state.startsWith("X");
    }

    public boolean exists(int pid) {
        return Files.isDirectory(proc.resolve(Integer.toString(pid)));
    }

    /**
     * What the thread {@code pid} is doing now: its state letter, tracer, the call it is blocked in
     * and whether it is a 32-bit program.
     */
    public Fact<ThreadState> threadState(int pid) {
        Fact<String> stat = read(proc.resolve(pid + "/stat"));
        Fact<String> status = read(proc.resolve(pid + "/status"));
        Fact<String> syscall = read(proc.resolve(pid + "/syscall"));
        for (Fact<String> fact : List.of(stat, status, syscall)) {
            if (!fact.known()) {
                return Fact.unknown(fact.unknown());
            }
        }
        try {
            // The command name in parentheses may hold spaces and parentheses: the state follows the last ')'.
            String afterName = stat.value().substring(stat.value().lastIndexOf(')') + 1).strip();
            Map<String, String> fields = statusFields(status.value());
            int tracer = Integer.parseInt(fields.getOrDefault("TracerPid", "0"));
            int seccomp = Integer.parseInt(fields.getOrDefault("Seccomp", "0"));
            return Fact.of(ThreadState.parse(afterName.charAt(0), tracer, seccomp, syscall.value(), elfClass32(pid)));
        } catch (RuntimeException e) {
            return Fact.unknown(proc.resolve(pid + "/syscall") + ": unexpected content " + abbreviate(syscall.value()));
        }
    }

    /** Whether the program the process runs is a 32-bit ELF file (EI_CLASS 1); false when unreadable. */
    private boolean elfClass32(int pid) {
        byte[] header = elfHeader(pid);
        return header != null && header[4] == 1;
    }

    /**
     * The ABI of the program the process runs, from its ELF header (class and machine): a 32-bit
     * x86 program makes i386 calls, whose numbers are not x86_64's. Empty when the process is gone
     * or its machine is none of these.
     */
    public Optional<Arch> abi(int pid) {
        byte[] header = elfHeader(pid);
        if (header == null) {
            return Optional.empty();
        }
        int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8;
        boolean wide = header[4] == 2;
        return Optional.ofNullable(switch (machine) {
            case 62 -> wide ? Arch.X86_64 : Arch.X32;
            case 3 -> Arch.I386;
            case 183 -> Arch.AARCH64;
            case 40 -> Arch.ARM;
            default -> null;
        });
    }

    /** The first 20 bytes of the process's program when they are an ELF header (ident, type, machine); else null. */
    private byte[] elfHeader(int pid) {
        try (InputStream in = Files.newInputStream(proc.resolve(pid + "/exe"))) {
            byte[] header = in.readNBytes(20);
            return header.length == 20 && header[0] == 0x7f && header[1] == 'E' && header[2] == 'L' && header[3] == 'F' ? header : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The parent of {@code pid} (field 4 of its stat, after the name in parentheses), or 0 when it is gone. */
    public int parent(int pid) {
        Fact<String> stat = read(proc.resolve(pid + "/stat"));
        try {
            return stat.known() ? Integer.parseInt(stat.value().substring(stat.value().lastIndexOf(')') + 2).split(" ")[1]) : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * How long this process has run, to the kernel's clock tick: the boot's age ({@code /proc/uptime})
     * less its start (field 22 of its stat, in ticks since boot; USER_HZ is 100 on Linux).
     * Empty when either is unreadable.
     */
    public Optional<java.time.Duration> ownAge() {
        Fact<String> stat = read(proc.resolve("self/stat"));
        Fact<String> uptime = read(proc.resolve("uptime"));
        try {
            if (stat.known() && uptime.known()) {
                long startTicks = Long.parseLong(stat.value().substring(stat.value().lastIndexOf(')') + 2).split(" ")[19]);
                double now = Double.parseDouble(uptime.value().split(" ")[0]);
                return Optional.of(java.time.Duration.ofMillis(Math.round(now * 1000) - startTicks * 10));
            }
        } catch (RuntimeException e) {
            // Unreadable: no age.
        }
        return Optional.empty();
    }

    /** The threads of {@code pid} ({@code /proc/<pid>/task}); empty when it is gone. */
    public List<Integer> threads(int pid) {
        List<Integer> threads = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve(pid + "/task"))) {
            for (Path task : tasks) {
                threads.add(Integer.parseInt(task.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
        return threads;
    }

    public Fact<ProcessStatus> status(int pid, int lastCap) {
        Path file = proc.resolve(pid + "/status");
        Fact<String> text = read(file);
        if (!text.known()) {
            return Fact.unknown(text.unknown());
        }
        Map<String, String> fields = statusFields(text.value());
        try {
            String[] uids = WHITESPACE.split(fields.get("Uid"));
            String[] gids = WHITESPACE.split(fields.get("Gid"));
            CapabilitySets caps = new CapabilitySets(
                    Capabilities.decode(fields.get("CapEff"), lastCap),
                    Capabilities.decode(fields.get("CapPrm"), lastCap),
                    Capabilities.decode(fields.get("CapBnd"), lastCap),
                    fields.containsKey("CapAmb") ? Capabilities.decode(fields.get("CapAmb"), lastCap) : List.of(),
                    Capabilities.decode(fields.get("CapInh"), lastCap));
            return Fact.of(new ProcessStatus(
                    Integer.parseInt(uids[0]), Integer.parseInt(uids[1]),
                    Integer.parseInt(gids[0]), Integer.parseInt(gids[1]),
                    caps,
                    fields.containsKey("NoNewPrivs") ? "1".equals(fields.get("NoNewPrivs")) : null,
                    integerOrNull(fields.get("Seccomp")),
                    integerOrNull(fields.get("Seccomp_filters"))));
        } catch (RuntimeException e) {
            return Fact.unknown(file + ": unexpected content (" + e + ")");
        }
    }

    /** The "Name:\tvalue" lines of /proc/pid/status, values stripped. */
    private static Map<String, String> statusFields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    private static Integer integerOrNull(String text) {
        return text == null ? null : Integer.valueOf(text.trim());
    }

    static Fact<String> read(Path file) {
        return read(file, text -> text);
    }

    /** Reads and parses a file; content the parser rejects is unknown too, naming the file. */
    static <T> Fact<T> read(Path file, Function<String, T> parser) {
        String text;
        try {
            text = new String(readBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return failed(file, e);
        }
        try {
            return Fact.of(parser.apply(text));
        } catch (RuntimeException e) {
            return Fact.unknown(file + ": unexpected content " + abbreviate(text));
        }
    }

    /**
     * The whole file, its first bytes in one large read: sysctl files under /proc/sys answer any
     * read past offset 0 with end of file (Files.readString reads one byte first, and would read
     * cap_last_cap "40" as "4"). A plain stream, not a channel: a channel's readAllBytes first asks
     * the size and position, which /proc answers with 0, and that took a third of the cost of the
     * thousands of small files an audit reads. The plain open tells why it failed only in its
     * message; the channel's open, made again then, throws the exception that names the reason.
     */
    static byte[] readBytes(Path file) throws IOException {
        FileInputStream in;
        try {
            in = new FileInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            try (InputStream again = Files.newInputStream(file)) {
                return again.readAllBytes();
            }
        }
        try (in) {
            byte[] buffer = READ_BUFFER.get();
            int length = 0;
            for (int read; (read = in.read(buffer, length, buffer.length - length)) > 0; ) {
                length += read;
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, 2 * length);
                    READ_BUFFER.set(buffer);
                }
            }
            return Arrays.copyOf(buffer, length);
        }
    }

    /** Each reader's buffer, reused: an audit of 100 containers reads 2,500 files, 20 MB of buffers otherwise. */
    private static final ThreadLocal<byte[]> READ_BUFFER = ThreadLocal.withInitial(() -> new byte[8192]);

    private static String abbreviate(String text) {
        String line = text.strip().replace('\n', ' ');
        return '"' + (line.length() > 60 ? line.substring(0, 60) + "..." : line) + '"';
    }

    /** A read that failed, as a fact: the file missing, access denied, or another failure, with its reason. */
    static <T> Fact<T> failed(Path file, Exception e) {
        Fact.Gap gap = e instanceof NoSuchFileException ? Fact.Gap.MISSING
                : e instanceof AccessDeniedException ? Fact.Gap.DENIED
                : Fact.Gap.OTHER;
        return Fact.unknown(gap, reason(file, e));
    }

    static String reason(Path file, Exception e) {
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return file + ": permission denied";
        }
        String message = e.getMessage();
        if (message != null && message.startsWith(file.toString())) {
            return message;
        }
        return file + ": " + (message == null ? e.getClass().getSimpleName() : message);
    }
}
