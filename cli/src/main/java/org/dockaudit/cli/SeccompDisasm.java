package org.dockaudit.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dockaudit.seccomp.Analyzer;
import org.dockaudit.seccomp.Disassembler;
import org.dockaudit.seccomp.Program;
import picocli.CommandLine.Command;

@Command(name = "disasm", mixinStandardHelpOptions = true,
        description = "Disassemble a filter; syscall numbers are named for the architecture each path has established.")
final class SeccompDisasm extends FilterCommand {

    @Override
    public Integer call() throws UserError {
        Console console = console();
        List<Program> filters = filters();
        PrintWriter out = new PrintWriter(console.out(), false, StandardCharsets.UTF_8);
        for (int i = 0; i < filters.size(); i++) {
            if (filters.size() > 1) {
                out.println("# filter " + i + (i == 0 ? " (oldest)" : ""));
            }
            Analyzer.Result analysis = Analyzer.annotate(filters.get(i), Analyzer.DEFAULT_WORK_BOUND);
            Disassembler.disassemble(analysis).forEach(out::println);
            if (analysis.boundHit()) {
                out.println("# analysis bound hit: some names may be missing");
            }
        }
        out.flush();
        return ExitCode.OK.code;
    }
}
