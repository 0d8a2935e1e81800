package org.dockaudit.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.Program;
import org.dockaudit.seccomp.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Can this syscall be allowed (with these arguments)? Prints a witness seccomp_data when yes. "
                + "Exit 0 yes, 1 no (proven), 3 unknown (a bound was hit, or no witness could be built).")
final class SeccompQuery extends FilterCommand {
    @Mixin SyscallArguments arguments;

    @Override
    public Integer call() throws UserError {
        Console console = console();
        List<Program> filters = filters();
        Arch architecture = arguments.architecture();
        int nr = arguments.number(architecture);
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
