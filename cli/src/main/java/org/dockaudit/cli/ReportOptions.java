package org.dockaudit.cli;

import java.nio.file.Path;
import java.util.List;
import org.dockaudit.check.Auditor;
import org.dockaudit.check.CheckResult;
import org.dockaudit.check.Severity;
import org.dockaudit.model.Snapshot;
import org.dockaudit.report.AuditReport;
import org.dockaudit.report.Formats;
import picocli.CommandLine.Option;

/** Options shared by the commands that print a report: {@code audit} and {@code analyze}. */
final class ReportOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.class,
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (- or none: standard output).")
    Path output;

    @Option(names = "--details", description = "Text: every finding of every target, by area, instead of identical findings"
            + " grouped (JSON and SARIF always have them all).")
    boolean details;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Exit with 1 when a finding is at or above SEVERITY (info, low, medium, high, critical).")
    Severity failOn;

    /** The report's target and format, checked before any work. */
    Output output() throws UserError {
        Output.format(Formats.AUDIT, format);
        return Output.of(output).check();
    }

    /** Checks the snapshot, writes the report, and returns the exit code --fail-on asks for. */
    ExitCode report(Snapshot snapshot, Console console) throws UserError {
        long start = System.nanoTime();
        List<CheckResult> results = Auditor.withAllChecks().audit(snapshot);
        AuditReport report = AuditReport.of(snapshot, results);
        long checked = System.nanoTime();
        console.detail(String.format("ran %d checks on %d targets in %.2f s", results.stream().map(r -> r.check().id()).distinct().count(),
                report.summary().targets().values().stream().mapToInt(Integer::intValue).sum(), (checked - start) / 1e9));
        output().write(console, Output.format(Formats.AUDIT, format), report, details);
        console.detail(String.format("wrote the %s report in %.2f s", format, (System.nanoTime() - checked) / 1e9));
        boolean failed = failOn != null && report.highestSeverity().map(s -> s.compareTo(failOn) >= 0).orElse(false);
        return failed ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** The audit report's formats, for the help. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Formats.AUDIT.names().iterator();
        }
    }

    static final class SeverityConverter implements picocli.CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            return Severity.fromId(value);
        }
    }
}
