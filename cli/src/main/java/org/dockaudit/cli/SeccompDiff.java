package org.dockaudit.cli;

import static org.dockaudit.cli.SeccompCommand.console;
import static org.dockaudit.cli.SeccompCommand.orAllowEverything;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.PolicyDiff;
import org.dockaudit.seccomp.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "What one filter allows that the other does not, per architecture, with conditions. Exit 0 same, 1 different.")
final class SeccompDiff implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "Filter file or running container.") String left;
    @Parameters(index = "1", paramLabel = "B", description = "Filter file or running container.") String right;
    @Mixin FilterSource source;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws UserError {
        Console console = console(spec);
        List<List<Program>> filters = source.loadAll(console, left, right);
        List<PolicyDiff.Difference> differences = PolicyDiff.between(orAllowEverything(filters.get(0)), orAllowEverything(filters.get(1)));
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
