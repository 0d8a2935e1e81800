package org.dockaudit.cli;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.dockaudit.report.Formats;
import org.dockaudit.report.PolicyReport;
import org.dockaudit.seccomp.Filters;
import org.dockaudit.seccomp.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "The exact policy: per architecture admitted, every syscall with its actions and argument conditions, "
                + "and the coverage rate (allowed / known).")
final class SeccompAnalyze extends FilterCommand {
    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", completionCandidates = FormatNames.Policy.class,
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
}
