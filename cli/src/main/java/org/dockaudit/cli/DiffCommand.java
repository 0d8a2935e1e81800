package org.dockaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dockaudit.check.Severity;
import org.dockaudit.model.Json;
import org.dockaudit.report.Finding;
import org.dockaudit.report.Formats;
import org.dockaudit.report.ReportDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dockaudit diff OLD.json NEW.json}: what an audit found new, and what the hardening fixed. */
@Command(name = "diff", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Compare two JSON reports (audit --format json): findings new, more severe, fixed and unchanged, matched by"
                + " check and target name, so that a container re-created under its name is the same target.")
final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OLD.json", description = "The earlier JSON report.") Path before;
    @Parameters(index = "1", paramLabel = "NEW.json", description = "The later JSON report.") Path after;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.Diff.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the comparison to FILE (- or none: standard output).")
    Path output;

    @Option(names = "--fail-on-new", paramLabel = "SEVERITY", converter = ReportOptions.SeverityConverter.class,
            description = "Exit with 1 when a finding new in NEW.json (or grown more severe) is at or above SEVERITY.")
    Severity failOnNew;

    private final Console console;

    DiffCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws UserError {
        var chosen = Output.format(Formats.DIFF, format);
        Output target = Output.of(output).check();
        ReportDiff diff = ReportDiff.between(before.toString(), findings(before), after.toString(), findings(after));
        target.write(console, chosen, diff);
        boolean failed = failOnNew != null && diff.highestNew().map(severity -> severity.compareTo(failOnNew) >= 0).orElse(false);
        return failed ? ExitCode.FINDINGS.code : ExitCode.OK.code;
    }

    /** The findings of a JSON report the user named; exit 2 naming it when it is none. */
    static List<Finding> findings(Path file) throws UserError {
        try {
            JsonNode report = Json.MAPPER.readTree(file.toFile());
            return ReportDiff.findings(file.toString(), report);
        } catch (NoSuchFileException e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": no such file");
        } catch (ReportDiff.FormatException e) {
            throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": not a JSON report: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
