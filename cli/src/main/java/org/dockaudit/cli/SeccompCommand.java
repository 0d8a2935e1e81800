package org.dockaudit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.InvalidFilterException;
import org.dockaudit.seccomp.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "seccomp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Seccomp-BPF filters: dump them from a process, disassemble, emulate, analyse exactly, query.")
final class SeccompCommand implements Callable<Integer> {

    /**
     * Its subcommands, in the order its help lists them. The command line adds only the one it
     * names ({@link Main#commandLine}): reading the options of all eight was most of a start.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(SeccompDump.class, SeccompDisasm.class, SeccompEmulate.class,
            SeccompAnalyze.class, SeccompQuery.class, SeccompDiff.class, SeccompCompile.class, SeccompGenerate.class);

    private final Console console;

    SeccompCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("dockaudit: seccomp needs a subcommand: dump, disasm, emulate, analyze, query, diff, compile or generate (see --help)");
        return ExitCode.BAD_INPUT.code;
    }

    /** No filter amounts to {@code ret ALLOW} for every call of every architecture. */
    static List<Program> orAllowEverything(List<Program> filters) {
        return filters.isEmpty() ? List.of(allowEverything()) : filters;
    }

    private static Program allowEverything() {
        try {
            return Program.decode(new byte[] {0x06, 0, 0, 0, 0, 0, (byte) 0xff, 0x7f});
        } catch (InvalidFilterException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The console of the seccomp command, for its subcommands (picocli builds those itself). */
    static Console console(CommandSpec spec) {
        return ((SeccompCommand) spec.parent().userObject()).console;
    }

    static Arch arch(String name) throws UserError {
        return Arch.byId(name).orElseThrow(() -> new UserError(ExitCode.BAD_INPUT, "unknown architecture '" + name
                + "' (x86_64, x32, i386, aarch64, arm, riscv64, ppc64le, s390x)"));
    }

}
