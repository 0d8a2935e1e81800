package org.dockaudit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dockaudit.check.Checks;
import org.dockaudit.report.CheckDescription;
import org.dockaudit.report.CheckPages;
import org.dockaudit.report.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dockaudit checks}: the checks of this version, through the same formats as every result. */
@Command(name = "checks", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List every check: id, highest severity, area, title, CIS Docker Benchmark sections, remediation.")
final class ChecksCommand implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.CheckList.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the list to FILE (- or none: standard output).")
    Path output;

    private final Console console;

    ChecksCommand(Console console) {
        this.console = console;
    }

    @Parameters(arity = "0..1", paramLabel = "ID", description = "One check to explain: what it looks for, how it decides,"
            + " how to fix it, its examples (the page docs/checks/ID.md).")
    String id;

    @Override
    public Integer call() throws UserError {
        if (id != null) {
            return explain(id.toUpperCase(java.util.Locale.ROOT));
        }
        var chosen = Output.format(Formats.CHECKS, format);
        Output.of(output).check().write(console, chosen, CheckDescription.of(Checks.infos()));
        return ExitCode.OK.code;
    }

    private int explain(String check) throws UserError {
        if (Checks.infos().stream().noneMatch(info -> info.id().equals(check))) {
            throw new UserError(ExitCode.BAD_INPUT, "no check " + check + " (dockaudit checks lists them)");
        }
        String page = CheckPages.markdown(check)
                .orElseThrow(() -> new UserError(ExitCode.INTERNAL, "the page of " + check + " is missing from this build"));
        Output.of(output).check().write(console, out -> out.write(page.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return ExitCode.OK.code;
    }
}
