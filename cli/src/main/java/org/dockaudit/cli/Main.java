package org.dockaudit.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.dockaudit.model.Tool;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "dockaudit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Audit the security of a Docker environment (method of SSTIC 2018, ANSSI) and say how to "
                + "harden each container.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {})
public final class Main {

    private Console console;

    /** Options every command takes, wherever they are given on the line. */
    @Option(names = "--color", paramLabel = "WHEN", scope = ScopeType.INHERIT, defaultValue = "auto",
            description = "Colors in text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: on a terminal, unless NO_COLOR is set).")
    void color(Console.ColorMode mode) {
        console.settings().color = mode;
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Say nothing on stderr but warnings and errors (no \"wrote FILE\", no note on what a read repaired).")
    void quiet(boolean quiet) {
        console.settings().quiet = quiet;
    }

    @Option(names = {"--verbose"}, scope = ScopeType.INHERIT,
            description = "Also say how long each step took and what was assumed.")
    void verbose(boolean verbose) {
        console.settings().verbose = verbose;
    }

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, hidden = true,
            description = "On an internal error, print the stack trace (for a bug report).")
    void stacktrace(boolean stacktrace) {
        console.settings().stacktrace = stacktrace;
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        PrintWriter stderr = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        // Ctrl-C or SIGTERM: say so. A seccomp read in progress is let go by the kernel (PTRACE_SEIZE
        // queues no stop), and nothing else on the host was changed.
        // trace and harden remove the copies and the tracing instance they made.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean undone = org.dockaudit.trace.Cleanups.undoAll() > 0;
            if (!finished.get()) {
                stderr.println(undone ? "dockaudit: interrupted; the copies and the tracing instance it had made are removed,"
                        + " nothing else on the host was changed" : "dockaudit: interrupted; nothing on the host was changed, no process is left stopped");
            }
        }));
        int code = run(args, stdout, stderr, System.in,
                System.console() != null && System.console().isTerminal(), () -> isTerminal(Path.of("/proc/self/fd/2")), System.getenv());
        stdout.flush();
        finished.set(true);
        System.exit(code);
    }

    /** The whole command tree, every command's help ending with the exit codes. */
    static CommandLine commandLine(Console console, InputStream in) {
        return commandLine(console, in, new String[0]);
    }

    /**
     * The command tree that {@code args} need, every command's help ending with the exit codes:
     * only the command they name, since reading a command's annotations is most of what a short
     * run costs; all of them for help, completion, and a word that names no command (whose error
     * suggests the nearest).
     */
    static CommandLine commandLine(Console console, InputStream in, String[] args) {
        Main main = new Main();
        main.console = console;
        CommandLine commandLine = new CommandLine(main);
        // Making a command costs nothing; reading its annotations with picocli is the cost.
        Map<String, Object> commands = new java.util.LinkedHashMap<>();
        for (Object command : java.util.List.of(new AuditCommand(console), new CollectCommand(console), new AnalyzeCommand(console, in),
                new ChecksCommand(console), new DiffCommand(console), new MergeCommand(console), new FleetCommand(console),
                new NamespacesCommand(console, in), new SeccompCommand(console), new TraceCommand(console), new HardenCommand(console),
                new AotTrainingCommand(in))) {
            commands.put(command.getClass().getAnnotation(Command.class).name(), command);
        }
        int at = commandWord(args, 0);
        String word = at < 0 ? null : args[at];
        int next = at < 0 ? -1 : commandWord(args, at + 1);
        if (word != null && commands.containsKey(word)) {
            commandLine.addSubcommand(withSubcommands(commands.get(word), next < 0 ? null : args[next]));
        } else {
            commandLine.addSubcommand(CommandLine.HelpCommand.class);
            commands.values().forEach(command -> commandLine.addSubcommand(withSubcommands(command, null)));
            // `dockaudit generate-completion >> ~/.bashrc`: bash and zsh completion of every command and option.
            CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
            completion.getCommandSpec().usageMessage().hidden(false);
            commandLine.addSubcommand("generate-completion", completion);
        }
        commandLine.registerConverter(java.time.Duration.class, HostOptions::duration);
        commandLine.setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(console.err());
        commandLine.getCommandSpec().usageMessage().exitCodeList(ExitCode.helpList());
        java.util.List<CommandLine> pending = new java.util.ArrayList<>(commandLine.getSubcommands().values());
        while (!pending.isEmpty()) {
            CommandLine sub = pending.removeFirst();
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.helpList());
            pending.addAll(sub.getSubcommands().values());
        }
        return commandLine;
    }

    /** Where the first word of {@code args} from {@code start} on is that is no option (nor --color's value); -1 if none. */
    private static int commandWord(String[] args, int start) {
        for (int i = start; i < args.length; i++) {
            if (args[i].equals("--color")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    /** A command, and of the subcommands it lists ({@code seccomp}'s eight), the one {@code word} names, else all. */
    private static CommandLine withSubcommands(Object command, String word) {
        CommandLine line = new CommandLine(command);
        if (command instanceof SeccompCommand) {
            java.util.List<Class<?>> named = SeccompCommand.SUBCOMMANDS.stream()
                    .filter(subcommand -> subcommand.getAnnotation(Command.class).name().equals(word)).toList();
            (named.isEmpty() ? SeccompCommand.SUBCOMMANDS : named).forEach(line::addSubcommand);
        }
        return line;
    }

    /**
     * Whether the file is a terminal, as the kernel numbers terminals: a character device of a tty
     * major (4 and 5 the consoles, 136 to 143 the pseudo-terminals, 3 the old BSD ones). For a
     * descriptor, {@code /proc/self/fd/N}: the JDK says it only of the console, and a native isatty
     * would cost the JVM its foreign-function set-up (50 ms of an audit that lasts a second).
     */
    static boolean isTerminal(Path file) {
        try {
            Map<String, Object> device = java.nio.file.Files.readAttributes(file, "unix:mode,rdev");
            boolean characterDevice = ((int) device.get("mode") & 0170000) == 0020000;
            long rdev = (long) device.get("rdev");
            long major = (rdev >>> 8) & 0xfff | (rdev >>> 32) & ~0xfffL;
            return characterDevice && (major >= 3 && major <= 5 || major >= 136 && major <= 143);
        } catch (java.io.IOException | RuntimeException e) {
            // Nothing to ask: no progress line, nothing worse.
            return false;
        }
    }

    /** Runs the command line; returns the exit code instead of exiting, for tests. */
    public static int run(String[] args, OutputStream out, PrintWriter err, InputStream in, boolean terminal,
            Map<String, String> environment) {
        return run(args, out, err, in, terminal, () -> false, environment);
    }

    static int run(String[] args, OutputStream out, PrintWriter err, InputStream in, boolean terminal,
            java.util.function.BooleanSupplier errTerminal, Map<String, String> environment) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // What scripts ask most: answered before any command's annotations are read, as picocli would.
            PrintWriter version = new PrintWriter(out, true, StandardCharsets.UTF_8);
            version.println(new Version().getVersion()[0]);
            return ExitCode.OK.code;
        }
        Console console = new Console(out, err, terminal, errTerminal, environment);
        CommandLine commandLine = commandLine(console, in, args);
        commandLine.setExitCodeExceptionMapper(e -> e instanceof UserError user ? user.exitCode.code : ExitCode.INTERNAL.code);
        commandLine.setParameterExceptionHandler((e, ignoredArgs) -> {
            err.println("dockaudit: " + e.getMessage().lines().findFirst().orElse("usage error") + " (see --help)");
            return ExitCode.BAD_INPUT.code;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (org.dockaudit.trace.Cleanups.closing()) {
                // Ctrl-C or SIGTERM undid what the command was using: its error is the interrupt's echo.
                return ExitCode.CANNOT_COLLECT.code;
            }
            if (e instanceof UserError user) {
                err.println("dockaudit: " + org.dockaudit.report.Terminal.escape(user.getMessage()));
                return user.exitCode.code;
            }
            err.println("dockaudit: internal error: " + e + " (please report it" + (console.settings().stacktrace
                    ? ")" : "; --stacktrace prints where)"));
            if (console.settings().stacktrace) {
                e.printStackTrace(err);
            }
            return ExitCode.INTERNAL.code;
        });
        if (args.length == 0) {
            // No command: say what there is to run, and exit as a usage error.
            commandLine.usage(new PrintWriter(out, true, StandardCharsets.UTF_8));
            return ExitCode.BAD_INPUT.code;
        }
        int code;
        try {
            code = commandLine.execute(args);
        } catch (Throwable e) {
            // An Error (out of memory, a stack overflow) is not handed to the handlers above.
            err.println("dockaudit: internal error: " + e + " (please report it)");
            code = ExitCode.INTERNAL.code;
        }
        err.flush();
        return code;
    }

    /** Where the launcher lives (set by it), for pointing at the shipped examples. */
    static Path home() {
        String home = System.getProperty("dockaudit.home");
        return home == null ? Path.of(".") : Path.of(home);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Tool.nameAndVersion()};
        }
    }
}
