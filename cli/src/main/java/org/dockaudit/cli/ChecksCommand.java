package org.dockaudit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dockaudit.check.Checks;
import org.dockaudit.report.CheckDescription;
import org.dockaudit.report.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dockaudit checks}: the checks of this version, through the same formats as every result. */
@Command(name = "checks", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List every check: id, highest severity, area, title, CIS Docker Benchmark sections, remediation.")
final class ChecksCommand implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the list to FILE (- or none: standard output).")
    Path output;

    private final Console console;

    ChecksCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws UserError {
        var chosen = Output.format(Formats.CHECKS, format);
        Output.of(output).check().write(console, chosen, CheckDescription.of(Checks.infos()));
        return ExitCode.OK.code;
    }

    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Formats.CHECKS.names().iterator();
        }
    }
}
