package org.dockaudit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.dockaudit.check.Auditor;
import org.dockaudit.check.CheckResult;
import org.dockaudit.check.Severity;
import org.dockaudit.model.Snapshot;
import org.dockaudit.check.Checks;
import org.dockaudit.report.AuditReport;
import org.dockaudit.report.SarifReport;
import org.dockaudit.report.TextReport;
import picocli.CommandLine.Option;

/** Options shared by the commands that print a report: {@code audit} and {@code analyze}. */
final class ReportOptions {

    enum Format { text, json, sarif }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (- or none: standard output).")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Exit with 1 when a finding is at or above SEVERITY (info, low, medium, high, critical).")
    Severity failOn;

    /** The report's target, checked before any work. */
    Output output() throws UserError {
        return Output.of(output).check();
    }

    /** Checks the snapshot, writes the report, and returns the exit code --fail-on asks for. */
    ExitCode report(Snapshot snapshot, Console console) throws UserError {
        List<CheckResult> results = Auditor.withAllChecks().audit(snapshot);
        AuditReport report = AuditReport.of(snapshot, results);
        Output target = output();
        target.write(console, out -> write(report, out, target.toStandardOutput() && console.colors()));
        boolean failed = failOn != null && report.highestSeverity().map(s -> s.compareTo(failOn) >= 0).orElse(false);
        return failed ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private void write(AuditReport report, OutputStream out, boolean colors) throws IOException {
        if (format == Format.json) {
            Output.json(out, report);
        } else if (format == Format.sarif) {
            Output.json(out, SarifReport.of(report, Checks.infos()));
        } else {
            Output.text(out, writer -> new TextReport(colors).write(report, writer));
        }
    }

    static final class SeverityConverter implements picocli.CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            return Severity.fromId(value);
        }
    }
}
