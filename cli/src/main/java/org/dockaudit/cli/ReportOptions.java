package org.dockaudit.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dockaudit.check.Auditor;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.CheckResult;
import org.dockaudit.check.Checks;
import org.dockaudit.check.Severity;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Target;
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

    @Option(names = "--severity", split = ",", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Show only the findings of these severities (high,critical); --fail-on still judges every finding.")
    List<Severity> severities;

    @Option(names = "--container", paramLabel = "PATTERN",
            description = "Report only on the containers whose name matches (a glob: web-*); repeatable. Host and daemon stay.")
    List<String> containers;

    @Option(names = "--exclude-container", paramLabel = "PATTERN", description = "Leave out the containers whose name matches; repeatable.")
    List<String> excludedContainers;

    @Option(names = "--check", split = ",", paramLabel = "ID", description = "Run only these checks (PRIV-001,KRN-020).")
    List<String> checks;

    @Option(names = "--skip-check", split = ",", paramLabel = "ID", description = "Leave these checks out.")
    List<String> skippedChecks;

    @Option(names = "--fail-on-unknown", description = "Exit 1 also when a check could not decide (a fact unknown, an error):"
            + " an input that could not be read must not give a green CI.")
    boolean failOnUnknown;

    @Option(names = "--details", description = "Text: every finding of every target, by area, instead of identical findings"
            + " grouped (JSON and SARIF always have them all).")
    boolean details;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Exit with 1 when a finding is at or above SEVERITY (info, low, medium, high, critical).")
    Severity failOn;

    /** The report's target, format and check ids, checked before any work. */
    Output output() throws UserError {
        Output.format(Formats.AUDIT, format);
        Set<String> known = Checks.infos().stream().map(CheckInfo::id).collect(Collectors.toSet());
        for (List<String> ids : Arrays.asList(checks, skippedChecks)) {
            for (String id : ids == null ? List.<String>of() : ids) {
                if (!known.contains(id)) {
                    throw new UserError(ExitCode.BAD_INPUT, "no check " + id + " (dockaudit checks lists them)");
                }
            }
        }
        return Output.of(output).check();
    }

    /** Whether a result is one the options keep: its check, and for a container its name. */
    private boolean kept(CheckResult result) {
        String id = result.check().id();
        if (checks != null && !checks.contains(id) || skippedChecks != null && skippedChecks.contains(id)) {
            return false;
        }
        if (result.target().kind() != Target.Kind.CONTAINER) {
            return true;
        }
        String name = result.target().name();
        return (containers == null || containers.stream().anyMatch(pattern -> glob(pattern, name)))
                && (excludedContainers == null || excludedContainers.stream().noneMatch(pattern -> glob(pattern, name)));
    }

    /** {@code *} any run of characters, {@code ?} one; the rest as written. */
    static boolean glob(String pattern, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return name.matches(regex.toString());
    }

    /** Checks the snapshot, writes the report, and returns the exit code --fail-on asks for. */
    ExitCode report(Snapshot snapshot, Console console) throws UserError {
        long start = System.nanoTime();
        List<CheckResult> results = Auditor.withAllChecks().audit(snapshot).stream().filter(this::kept).toList();
        AuditReport report = AuditReport.of(snapshot, results);
        long checked = System.nanoTime();
        console.detail(String.format("ran %d checks on %d targets in %.2f s", results.stream().map(r -> r.check().id()).distinct().count(),
                report.summary().targets().values().stream().mapToInt(Integer::intValue).sum(), (checked - start) / 1e9));
        AuditReport shown = severities == null ? report : report.showing(finding -> severities.contains(finding.severity()));
        output().write(console, Output.format(Formats.AUDIT, format), shown, details);
        console.detail(String.format("wrote the %s report in %.2f s", format, (System.nanoTime() - checked) / 1e9));
        // The gate judges every finding kept, whatever --severity shows.
        boolean failed = failOn != null && report.highestSeverity().map(s -> s.compareTo(failOn) >= 0).orElse(false)
                || failOnUnknown && report.undecided();
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
