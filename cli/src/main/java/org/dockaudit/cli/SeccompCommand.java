package org.dockaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.check.kernel.ClaimedProfile;
import org.dockaudit.collect.CollectException;
import org.dockaudit.collect.EngineException;
import org.dockaudit.collect.FilterReader;
import org.dockaudit.collect.ProcFs;
import org.dockaudit.collect.SeccompDumper;
import org.dockaudit.collect.StopSafety;
import org.dockaudit.collect.ZerodepEngineApi;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.DaemonFacts;
import org.dockaudit.model.Fact;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.Json;
import org.dockaudit.model.ProcessStatus;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Tool;
import org.dockaudit.report.Formats;
import org.dockaudit.report.JsonFormat;
import org.dockaudit.report.PolicyReport;
import org.dockaudit.seccomp.Action;
import org.dockaudit.seccomp.Analyzer;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.Disassembler;
import org.dockaudit.seccomp.Emulator;
import org.dockaudit.seccomp.Filters;
import org.dockaudit.seccomp.InvalidFilterException;
import org.dockaudit.seccomp.Program;
import org.dockaudit.seccomp.Query;
import org.dockaudit.seccomp.SeccompData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "seccomp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Seccomp-BPF filters: dump them from a process, disassemble, emulate, analyse exactly, query.",
        subcommands = {SeccompCommand.Dump.class, SeccompCommand.Disasm.class, SeccompCommand.Emulate.class,
                SeccompCommand.Analyze.class, SeccompCommand.QueryCommand.class, SeccompCommand.Diff.class,
                SeccompCommand.Compile.class, SeccompCommand.Generate.class})
final class SeccompCommand implements Callable<Integer> {

    private final Console console;

    SeccompCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("dockaudit: seccomp needs a subcommand: dump, disasm, emulate, analyze, query, diff, compile or generate (see --help)");
        return ExitCode.BAD_INPUT.code;
    }

    /**
     * A filter file, a Docker JSON profile (compiled as runc would load it), or a running
     * container (or pid) whose filters are dumped.
     */
    static final class Source {
        @Option(names = {"-H", "--host"}, paramLabel = "URI", description = "Docker daemon, to find a container's process.")
        String host;

        @Option(names = "--native-arch", paramLabel = "ARCH", defaultValue = "x86_64",
                description = "For a profile: the host architecture whose archMap entry applies (default: ${DEFAULT-VALUE}).")
        String nativeArch;

        @Option(names = "--caps", paramLabel = "CAP,...", split = ",",
                description = "For a profile: the container's capabilities, which includes/excludes test (default: Docker's default set).")
        List<String> caps;

        @Option(names = "--kernel", paramLabel = "RELEASE",
                description = "For a profile: the kernel release minKernel is compared with (default: keep every entry).")
        String kernel;

        @Option(names = "--docker-version", paramLabel = "VERSION",
                description = "For a profile: the Docker engine that loads it; before 23.0 it ignores defaultErrnoRet (default: 23 or later).")
        String dockerVersion;

        @Option(names = "--runc-version", paramLabel = "VERSION",
                description = "For a profile: the runc that loads it; before 1.2 its ENOSYS stub covers only the listed architectures (default: 1.2 or later).")
        String runcVersion;

        List<Program> load(String input, Console console) throws UserError {
            Path file = Path.of(input);
            if (isProfile(file)) {
                return List.of(compileProfile(file, console));
            }
            if (Files.isRegularFile(file) || input.contains("/") || input.endsWith(".bpf")) {
                return List.of(readFile(file));
            }
            if (input.matches("\\d+") && Files.isDirectory(Path.of("/proc", input))) {
                return dumpPid(Integer.parseInt(input), StopSafety.RestartSyscall.UNKNOWN, console);
            }
            return dumpContainer(input, console);
        }

        static boolean isProfile(Path file) {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            if (file.toString().endsWith(".json")) {
                return true;
            }
            try (var in = Files.newInputStream(file)) {
                int first;
                while ((first = in.read()) != -1 && Character.isWhitespace(first)) {
                    // skip
                }
                return first == '{';
            } catch (IOException e) {
                return false;
            }
        }

        Program compileProfile(Path file, Console console) throws UserError {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new UserError(ExitCode.BAD_INPUT, file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            java.util.Set<String> capabilities = caps == null
                    ? org.dockaudit.check.DockerDefaults.CAPABILITIES
                    : caps.stream().map(org.dockaudit.model.Capabilities::canonical).collect(java.util.stream.Collectors.toSet());
            org.dockaudit.seccomp.Loader loader = dockerVersion == null && runcVersion == null
                    ? org.dockaudit.seccomp.Loader.current(arch(nativeArch), kernel)
                    : org.dockaudit.seccomp.Loader.of(dockerVersion, runcVersion, arch(nativeArch), kernel);
            try {
                org.dockaudit.seccomp.Profile.Resolved resolved = org.dockaudit.seccomp.Profile.resolve(json, capabilities, loader);
                loader.assumptions().forEach(assumption -> console.err().println("dockaudit: " + file + ": " + assumption));
                resolved.notes().forEach(note -> console.err().println("dockaudit: " + file + ": " + note));
                return org.dockaudit.seccomp.ProfileCompiler.compile(resolved);
            } catch (IllegalArgumentException | InvalidFilterException e) {
                throw new UserError(ExitCode.BAD_INPUT, file + ": " + e.getMessage());
            }
        }

        static Program readFile(Path file) throws UserError {
            try {
                return Program.decode(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                throw new UserError(ExitCode.BAD_INPUT, file + ": no such file");
            } catch (IOException e) {
                throw new UserError(ExitCode.BAD_INPUT, file + ": cannot read: " + e.getMessage());
            } catch (InvalidFilterException e) {
                throw new UserError(ExitCode.BAD_INPUT, file + ": " + e.getMessage());
            }
        }

        /** The filters of a process, read only if stopping it is proven harmless ({@link FilterReader}). */
        static List<Program> dumpPid(int pid, StopSafety.RestartSyscall restart, Console console) throws UserError {
            try {
                SeccompDumper.Dump dump = new FilterReader(new ProcFs(Path.of("/"))).read(pid, restart);
                dump.repairs().forEach(repair -> console.err().println("dockaudit: " + repair));
                if (dump.filters().isEmpty()) {
                    console.err().println("dockaudit: pid " + pid + " has no seccomp filter: every system call is allowed");
                    return List.of();
                }
                List<Program> programs = new ArrayList<>();
                for (byte[] filter : dump.filters()) {
                    programs.add(Program.decode(filter));
                }
                return programs;
            } catch (SeccompDumper.DumpException e) {
                throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
            } catch (InvalidFilterException e) {
                throw new UserError(ExitCode.CANNOT_COLLECT, "pid " + pid + ": the kernel returned a filter this validator refuses: " + e.getMessage());
            }
        }

        /** A container that does not run: the filter its configuration will give it, as the audit analyses it. */
        private static List<Program> futureFilters(String name, JsonNode inspect,
                ZerodepEngineApi engine, Console console) throws UserError {
            Fact<JsonNode> version = optional(engine, "/version");
            Fact<JsonNode> info = optional(engine, "/info");
            String reason = "not collected: seccomp analyze reads the daemon only";
            ContainerRecord record = new ContainerRecord(inspect,
                    Fact.unknown("container is not running"));
            Snapshot snapshot = new Snapshot(Snapshot.FORMAT_VERSION,
                    Tool.nameAndVersion(), null, "live", false, HostFacts.unknown(reason),
                    new DaemonFacts(version, info, Fact.unknown(reason),
                            Fact.unknown(reason)), List.of(record), List.of(), List.of());
            try {
                List<Program> filters = ClaimedProfile.futureFilters(
                        new ContainerContext(record, snapshot));
                console.err().println("dockaudit: container " + name + " is not running: " + (filters.isEmpty()
                        ? "it will start with no seccomp filter, every system call allowed"
                        : "analysing the filter its configuration will give it"));
                return filters;
            } catch (UnknownFactException e) {
                throw new UserError(ExitCode.CANNOT_COLLECT, "container " + name + ": " + e.getMessage());
            }
        }

        private static Fact<JsonNode> optional(ZerodepEngineApi engine, String path) {
            try {
                return Fact.of(engine.get(path));
            } catch (EngineException e) {
                return Fact.unknown(e.getMessage());
            }
        }

        /** The filters of a running container's init; its configuration may prove the stop harmless. */
        List<Program> dumpContainer(String container, Console console) throws UserError {
            try (ZerodepEngineApi engine = ZerodepEngineApi.open(HostOptions.endpoint(host, console), 1)) {
                var inspect = engine.get("/containers/" + container + "/json");
                var state = inspect.path("State");
                if (!state.path("Running").asBoolean(false)) {
                    return futureFilters(container, inspect, engine, console);
                }
                if (state.path("Paused").asBoolean(false)) {
                    throw new UserError(ExitCode.CANNOT_COLLECT, "container " + container
                            + " is paused: its frozen init cannot stop for a ptrace read; unpause it first");
                }
                int pid = state.path("Pid").asInt();
                ProcFs proc = new ProcFs(Path.of("/"));
                Fact<Integer> lastCap = proc.capLastCap();
                Fact<ProcessStatus> status = lastCap.known() ? proc.status(pid, lastCap.value()) : Fact.unknown(lastCap.unknown());
                Integer filterCount = status.known() ? status.value().seccompFilters() : null;
                JsonNode securityOptions;
                try {
                    securityOptions = engine.get("/info").path("SecurityOptions");
                } catch (EngineException e) {
                    securityOptions = null;
                }
                return dumpPid(pid, FilterReader.restartSyscall(inspect, securityOptions, filterCount), console);
            } catch (CollectException e) {
                throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
            } catch (EngineException e) {
                throw new UserError(e.notFound() ? ExitCode.BAD_INPUT : ExitCode.CANNOT_COLLECT,
                        e.notFound() ? "no file and no container named " + container : e.getMessage());
            }
        }
    }

    static List<Program> orAllowEverything(List<Program> filters) {
        return filters.isEmpty() ? List.of(ALLOW_EVERYTHING) : filters;
    }

    /** What no filter amounts to: {@code ret ALLOW} for every call of every architecture. */
    static final Program ALLOW_EVERYTHING = allowEverything();

    private static Program allowEverything() {
        try {
            return Program.decode(new byte[] {0x06, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f});
        } catch (InvalidFilterException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A subcommand that reads filters: a file, a profile, a container or a pid. */
    abstract static class OnFilters implements Callable<Integer> {
        @Parameters(paramLabel = "FILE|CONTAINER", description = "Filter file, Docker JSON profile, running container or pid.")
        String input;
        @Mixin Source source;
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        Console console() {
            return SeccompCommand.console(spec);
        }

        /** The filters; a process without any is read as the filter it amounts to, one that allows everything. */
        List<Program> filters() throws UserError {
            return orAllowEverything(source.load(input, console()));
        }
    }

    /** The console of the seccomp command, for its subcommands (picocli builds those itself). */
    static Console console(picocli.CommandLine.Model.CommandSpec spec) {
        return ((SeccompCommand) spec.parent().userObject()).console;
    }

    static Arch arch(String name) throws UserError {
        return Arch.byId(name).orElseThrow(() -> new UserError(ExitCode.BAD_INPUT, "unknown architecture '" + name
                + "' (x86_64, x32, i386, aarch64, arm, riscv64, ppc64le, s390x)"));
    }

    static int syscall(Arch arch, String syscall) throws UserError {
        if (syscall.matches("\\d+")) {
            // Any 32-bit number: seccomp_data.nr is what the caller put in the register.
            if (syscall.length() > 10 || Long.parseLong(syscall) > 0xffffffffL) {
                throw new UserError(ExitCode.BAD_INPUT, "--syscall " + syscall + ": a system call number has 32 bits (0 to 4294967295)");
            }
            return (int) Long.parseLong(syscall);
        }
        return arch.number(syscall).orElseThrow(() -> new UserError(ExitCode.BAD_INPUT, "no syscall '" + syscall + "' on " + arch.id()));
    }

    /** The syscall asked about: --arch, --syscall, then --arg0 .. --arg5 in decimal or 0x hexadecimal. */
    static final class Arguments {
        @Option(names = "--arch", required = true, paramLabel = "ARCH",
                description = "Architecture of the call: x86_64, x32, i386, aarch64, arm, riscv64, ppc64le, s390x.") String arch;
        @Option(names = "--syscall", required = true, paramLabel = "NAME|NR",
                description = "System call, by name on that architecture or by number (0 to 4294967295).") String syscall;
        @Option(names = "--arg0", paramLabel = "V", description = "Argument 0, decimal or 0x hexadecimal (64 bits).") String arg0;
        @Option(names = "--arg1", paramLabel = "V", description = "Argument 1, decimal or 0x hexadecimal (64 bits).") String arg1;
        @Option(names = "--arg2", paramLabel = "V", description = "Argument 2, decimal or 0x hexadecimal (64 bits).") String arg2;
        @Option(names = "--arg3", paramLabel = "V", description = "Argument 3, decimal or 0x hexadecimal (64 bits).") String arg3;
        @Option(names = "--arg4", paramLabel = "V", description = "Argument 4, decimal or 0x hexadecimal (64 bits).") String arg4;
        @Option(names = "--arg5", paramLabel = "V", description = "Argument 5, decimal or 0x hexadecimal (64 bits).") String arg5;

        Map<Integer, Long> fixed() throws UserError {
            Map<Integer, Long> values = new LinkedHashMap<>();
            String[] given = {arg0, arg1, arg2, arg3, arg4, arg5};
            for (int i = 0; i < given.length; i++) {
                if (given[i] != null) {
                    values.put(i, parse(given[i]));
                }
            }
            return values;
        }

        static long parse(String text) throws UserError {
            try {
                String value = text.trim().toLowerCase(java.util.Locale.ROOT);
                return value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16)
                        : value.startsWith("-") ? Long.parseLong(value) : Long.parseUnsignedLong(value);
            } catch (NumberFormatException e) {
                throw new UserError(ExitCode.BAD_INPUT, "not a 64-bit argument value: " + text);
            }
        }
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Write every filter stacked on a process as raw struct sock_filter files (FILE, FILE.1, ...; index 0 is the oldest).")
    static final class Dump implements Callable<Integer> {
        @Parameters(paramLabel = "CONTAINER|PID", description = "Running container (name or id), or a pid.") String target;
        @Option(names = "--pid", description = "Read the target as a pid.") boolean pid;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "File to write.") Path output;
        @Mixin Source source;
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws UserError {
            Console console = console(spec);
            if (pid && !target.matches("[1-9]\\d{0,9}")) {
                throw new UserError(ExitCode.BAD_INPUT, "--pid " + target + ": not a process id");
            }
            List<Program> filters = pid
                    ? Source.dumpPid(Integer.parseInt(target), StopSafety.RestartSyscall.UNKNOWN, console)
                    : source.load(target, console);
            for (int i = 0; i < filters.size(); i++) {
                Path file = i == 0 ? output : Path.of(output + "." + i);
                try {
                    Files.write(file, filters.get(i).encode());
                } catch (IOException e) {
                    throw new UserError(ExitCode.BAD_INPUT, "cannot write " + file + ": " + e.getMessage());
                }
                console.err().println("dockaudit: wrote " + file + " (filter " + i + ", " + filters.get(i).size() + " instructions)");
            }
            return ExitCode.OK.code;
        }
    }

    @Command(name = "disasm", mixinStandardHelpOptions = true,
            description = "Disassemble a filter; syscall numbers are named for the architecture each path has established.")
    static final class Disasm extends OnFilters {

        @Override
        public Integer call() throws UserError {
            Console console = console();
            List<Program> filters = filters();
            PrintWriter out = new PrintWriter(console.out(), false, StandardCharsets.UTF_8);
            for (int i = 0; i < filters.size(); i++) {
                if (filters.size() > 1) {
                    out.println("# filter " + i + (i == 0 ? " (oldest)" : ""));
                }
                Analyzer.Result analysis = Analyzer.analyze(filters.get(i), Analyzer.DEFAULT_WORK_BOUND);
                Disassembler.disassemble(analysis).forEach(out::println);
                if (analysis.boundHit()) {
                    out.println("# analysis bound hit: some names may be missing");
                }
            }
            out.flush();
            return ExitCode.OK.code;
        }
    }

    @Command(name = "emulate", mixinStandardHelpOptions = true, description = "Run the filter on one syscall and print the action.")
    static final class Emulate extends OnFilters {
        @Option(names = "--ip", paramLabel = "V", description = "Instruction pointer of the call, for filters that test it.") String ip;
        @Mixin Arguments arguments;

        @Override
        public Integer call() throws UserError {
            Console console = console();
            List<Program> filters = filters();
            Arch architecture = SeccompCommand.arch(arguments.arch);
            long[] args = new long[6];
            arguments.fixed().forEach((index, value) -> args[index] = value);
            SeccompData data = new SeccompData(syscall(architecture, arguments.syscall), architecture.audit(),
                    ip == null ? 0 : Arguments.parse(ip), args);
            Action action = Emulator.runAll(filters, data);
            PrintWriter out = new PrintWriter(console.out(), true, StandardCharsets.UTF_8);
            out.println(action + "  (0x" + Integer.toHexString(action.raw()) + ")");
            return ExitCode.OK.code;
        }
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true,
            description = "The exact policy: per architecture admitted, every syscall with its actions and argument conditions, "
                    + "and the coverage rate (allowed / known).")
    static final class Analyze extends OnFilters {
        @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).") String format;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (- or none: standard output).") Path output;

        @Override
        public Integer call() throws UserError {
            Console console = console();
            var chosen = Output.format(Formats.POLICY, format);
            Output target = Output.of(output).check();
            List<Program> filters = filters();
            target.write(console, chosen, new PolicyReport(Filters.analyze(filters), filters.size()));
            return ExitCode.OK.code;
        }

        static final class FormatNames implements Iterable<String> {
            @Override
            public java.util.Iterator<String> iterator() {
                return Formats.POLICY.names().iterator();
            }
        }

    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What one filter allows that the other does not, per architecture, with conditions. Exit 0 same, 1 different.")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A", description = "Filter file or running container.") String left;
        @Parameters(index = "1", paramLabel = "B", description = "Filter file or running container.") String right;
        @Mixin Source source;
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws UserError {
            Console console = console(spec);
            List<org.dockaudit.seccomp.PolicyDiff.Difference> differences = org.dockaudit.seccomp.PolicyDiff.between(
                    orAllowEverything(source.load(left, console)), orAllowEverything(source.load(right, console)));
            PrintWriter out = new PrintWriter(console.out(), true, StandardCharsets.UTF_8);
            if (differences.isEmpty()) {
                out.println("same decisions on every syscall of every architecture");
                return ExitCode.OK.code;
            }
            Arch current = null;
            for (var difference : differences) {
                if (difference.arch() != current) {
                    current = difference.arch();
                    out.println(current.id() + ":");
                }
                out.println("  " + difference.name() + " (" + difference.nr() + "): A " + difference.left() + "; B " + difference.right());
            }
            return ExitCode.FINDINGS.code;
        }
    }

    @Command(name = "compile", mixinStandardHelpOptions = true,
            description = "Compile a Docker JSON profile into a raw filter with the same decisions, as runc loads it on this architecture.")
    static final class Compile implements Callable<Integer> {
        @Parameters(paramLabel = "PROFILE.json") Path profile;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Filter file to write.") Path output;
        @Mixin Source source;
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws UserError {
            Console console = console(spec);
            if (!Files.isRegularFile(profile)) {
                throw new UserError(ExitCode.BAD_INPUT, profile + ": no such file");
            }
            Program program = source.compileProfile(profile, console);
            try {
                Files.write(output, program.encode());
            } catch (IOException e) {
                throw new UserError(ExitCode.BAD_INPUT, "cannot write " + output + ": " + e.getMessage());
            }
            console.err().println("dockaudit: wrote " + output + " (" + program.size() + " instructions)");
            return ExitCode.OK.code;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "A Docker JSON allow-list profile from `strace -qcf` summaries (several ABI sections possible) "
                    + "or a list, plus the syscalls runc makes after loading the filter.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--from-strace", paramLabel = "FILE", arity = "1..*", description = "strace -c output files.")
        List<Path> traces;
        @Option(names = "--syscalls", paramLabel = "NAME,...", split = ",", description = "Syscall names.")
        List<String> syscalls;
        @Option(names = "--native-arch", paramLabel = "ARCH", defaultValue = "x86_64",
                description = "The architecture the profile is for; the others seen become subArchitectures (default: ${DEFAULT-VALUE}).") String nativeArch;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Profile to write (- or none: standard output).") Path output;
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws UserError {
            Console console = console(spec);
            Arch architecture = arch(nativeArch);
            Output target = Output.of(output).check();
            java.util.Map<Arch, java.util.Set<String>> seen = new java.util.EnumMap<>(Arch.class);
            if (traces == null && syscalls == null) {
                throw new UserError(ExitCode.BAD_INPUT, "generate needs --from-strace FILE... or --syscalls LIST");
            }
            for (Path trace : traces == null ? List.<Path>of() : traces) {
                try {
                    org.dockaudit.seccomp.ProfileGenerator.parseStrace(Files.readAllLines(trace))
                            .forEach((abi, names) -> seen.computeIfAbsent(abi, k -> new java.util.TreeSet<>()).addAll(names));
                } catch (IOException e) {
                    throw new UserError(ExitCode.BAD_INPUT, trace + ": cannot read: " + e.getMessage());
                }
            }
            if (syscalls != null) {
                seen.computeIfAbsent(architecture, k -> new java.util.TreeSet<>()).addAll(syscalls.stream().map(String::strip).toList());
            }
            if (seen.isEmpty()) {
                throw new UserError(ExitCode.BAD_INPUT, "no syscall found in the input (expected strace -c summaries)");
            }
            List<String> unknown = new ArrayList<>();
            ObjectNode profile = org.dockaudit.seccomp.ProfileGenerator.profile(seen, architecture, unknown);
            for (String name : unknown) {
                console.err().println("dockaudit: warning: '" + name + "' is no syscall of " + seen.keySet() + "; kept, runc will ignore it");
            }
            target.write(console, new JsonFormat<>(), profile);
            if (!target.toStandardOutput()) {
                console.err().println("dockaudit: wrote " + output);
            }
            return ExitCode.OK.code;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Can this syscall be allowed (with these arguments)? Prints a witness seccomp_data when yes. "
                    + "Exit 0 yes, 1 no (proven), 3 unknown (a bound was hit, or no witness could be built).")
    static final class QueryCommand extends OnFilters {
        @Mixin Arguments arguments;

        @Override
        public Integer call() throws UserError {
            Console console = console();
            List<Program> filters = filters();
            Arch architecture = SeccompCommand.arch(arguments.arch);
            int nr = syscall(architecture, arguments.syscall);
            String syscall = arguments.syscall;
            Query.Answer answer = Query.ask(filters, architecture, nr, arguments.fixed());
            PrintWriter out = new PrintWriter(console.out(), true, StandardCharsets.UTF_8);
            if (answer.allowed()) {
                out.println("yes: " + syscall + " on " + architecture.id() + " can be allowed; witness " + answer.witness().get());
                return ExitCode.OK.code;
            }
            if (answer.denied()) {
                out.println("no: no path of the filter allows " + syscall + " on " + architecture.id()
                        + (arguments.fixed().isEmpty() ? "" : " with these arguments"));
                return ExitCode.FINDINGS.code;
            }
            List<String> why = answer.undecided();
            out.println("unknown: neither a witness nor a proof of refusal: " + String.join("; ",
                    why.size() > 5 ? java.util.stream.Stream.concat(why.stream().limit(5), java.util.stream.Stream.of(
                            "and " + (why.size() - 5) + " more")).toList() : why));
            return ExitCode.CANNOT_COLLECT.code;
        }
    }
}
