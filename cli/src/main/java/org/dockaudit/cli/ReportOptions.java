package org.dockaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dockaudit.check.Auditor;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.CheckResult;
import org.dockaudit.check.Checks;
import org.dockaudit.check.Severity;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Target;
import org.dockaudit.report.AuditReport;
import org.dockaudit.report.Finding;
import org.dockaudit.report.Formats;
import org.dockaudit.report.Glob;
import org.dockaudit.report.ReportDiff;
import org.dockaudit.report.Terminal;
import org.dockaudit.report.Waivers;
import picocli.CommandLine.Option;

/** Options shared by the commands that print a report: {@code audit} and {@code analyze}. */
final class ReportOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.Audit.class,
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

    @Option(names = "--waivers", paramLabel = "FILE", description = "Accepted risks (YAML: check, target, reason, expires, by):"
            + " waived findings leave the gate and are listed apart (default: .dockaudit-waivers.yaml here, when it exists).")
    Path waivers;

    @Option(names = "--baseline", paramLabel = "OLD.json", description = "An earlier JSON report: say on stderr which findings are"
            + " new, more severe, fixed and unchanged since (as dockaudit diff does).")
    Path baseline;

    @Option(names = "--fail-on-new", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "With --baseline: exit with 1 when a finding new since the baseline is at or above SEVERITY.")
    Severity failOnNew;

    @Option(names = "--details", description = "Text: every finding of every target, by area, instead of identical findings"
            + " grouped (JSON and SARIF always have them all).")
    boolean details;

    @Option(names = "--docs-url", paramLabel = "URL", description = "Where the check pages (docs/checks/ID.md) are published,"
            + " {id} standing for a check's id (https://docs.example.org/dockaudit/{id}.html): SARIF rules link to it (helpUri).")
    String docsUrl;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            description = "Exit with 1 when a finding is at or above SEVERITY (info, low, medium, high, critical).")
    Severity failOn;

    @Option(names = "--compliance", paramLabel = "BENCHMARK", description = "How the host stands against a benchmark, item by item,"
            + " with docker-bench-security's score: cis-docker-1.6.0. Text shows that view; JSON, SARIF and HTML add it to the report.")
    String compliance;

    @Option(names = "--traces", paramLabel = "DIR", description = "Traces of containers' workloads (dockaudit trace --format json,"
            + " one .json file per container): what a workload used turns \"capabilities kept\" into \"these are unused\".")
    Path traces;

    /** What {@link #output()} read and checked before the work, for {@link #report} to use as is. */
    private Output target;
    private List<org.dockaudit.model.TraceResult> traced = List.of();
    private Optional<Waivers> accepted;
    private List<Finding> earlier;

    /**
     * The report's target, format and check ids, checked before any work; the waiver file and the
     * baseline are read here once.
     */
    Output output() throws UserError {
        if (target != null) {
            return target;
        }
        Output.format(Formats.AUDIT, format);
        Set<String> known = Checks.infos().stream().map(CheckInfo::id).collect(Collectors.toSet());
        for (List<String> ids : Arrays.asList(checks, skippedChecks)) {
            for (String id : ids == null ? List.<String>of() : ids) {
                if (!known.contains(id)) {
                    throw new UserError(ExitCode.BAD_INPUT, "no check " + id + " (dockaudit checks lists them)");
                }
            }
        }
        if (docsUrl != null && !absolute(docsUrl.replace("{id}", "PRIV-001"))) {
            throw new UserError(ExitCode.BAD_INPUT, "--docs-url " + docsUrl + ": not an absolute URL");
        }
        if (docsUrl != null && !docsUrl.contains("{id}")) {
            throw new UserError(ExitCode.BAD_INPUT, "--docs-url " + docsUrl + ": has no {id} to put each check's id in");
        }
        if (failOnNew != null && baseline == null) {
            throw new UserError(ExitCode.BAD_INPUT, "--fail-on-new compares with a baseline: give --baseline OLD.json");
        }
        accepted = waivers();
        earlier = baseline == null ? null : DiffCommand.findings(baseline);
        traced = traces == null ? List.of() : traces(traces);
        if (compliance != null && !org.dockaudit.report.Compliance.BENCHMARKS.contains(compliance)) {
            throw new UserError(ExitCode.BAD_INPUT, "--compliance " + compliance + ": one of "
                    + String.join(", ", org.dockaudit.report.Compliance.BENCHMARKS));
        }
        target = Output.of(output).check();
        return target;
    }

    private static boolean absolute(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.isAbsolute() && uri.getScheme() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The waiver file named, or the one in the current directory; none when neither is there. */
    private Optional<Waivers> waivers() throws UserError {
        Path file = waivers != null ? waivers : Path.of(".dockaudit-waivers.yaml");
        if (waivers == null && !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Waivers.parse(file.toString(), Files.readString(file)));
        } catch (NoSuchFileException e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": no such file");
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": cannot read: " + e.getMessage());
        } catch (Waivers.FormatException e) {
            throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
        }
    }

    /** Whether a result is one the options keep: its check, and for a container its name. */
    private boolean kept(CheckResult result) {
        if (checks != null && !checks.contains(result.check().id()) || skippedChecks != null && skippedChecks.contains(result.check().id())) {
            return false;
        }
        if (result.target().kind() != Target.Kind.CONTAINER) {
            return true;
        }
        String name = result.target().name();
        return (containers == null || containers.stream().anyMatch(pattern -> Glob.matches(pattern, name)))
                && (excludedContainers == null || excludedContainers.stream().noneMatch(pattern -> Glob.matches(pattern, name)));
    }

    /** Every trace in {@code directory}, by file name; a file that is not one is named. */
    private static List<org.dockaudit.model.TraceResult> traces(Path directory) throws UserError {
        if (!Files.isDirectory(directory)) {
            throw new UserError(ExitCode.BAD_INPUT, "--traces " + directory + ": no such directory");
        }
        List<org.dockaudit.model.TraceResult> read = new java.util.ArrayList<>();
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                org.dockaudit.model.TraceResult trace = HardenCommand.read(file);
                if (trace.mode().equals("strace")) {
                    throw new UserError(ExitCode.BAD_INPUT, file + ": not a dockaudit trace (dockaudit trace --format json writes them)");
                }
                read.add(trace);
            }
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, "--traces " + directory + ": cannot list: " + e.getMessage());
        }
        return read;
    }

    /** Checks the snapshot, writes the report, and returns the exit code --fail-on asks for. */
    ExitCode report(Snapshot snapshot, Console console) throws UserError {
        long start = System.nanoTime();
        snapshot = traced.isEmpty() ? snapshot : snapshot.withTraces(traced);
        List<CheckResult> results = Auditor.withAllChecks().audit(snapshot).stream().filter(this::kept).toList();
        Output target = output();
        AuditReport all = AuditReport.of(snapshot, results);
        AuditReport waived = accepted.map(waivers -> waivers.apply(all, LocalDate.now(ZoneOffset.UTC))).orElse(all);
        AuditReport report = compliance == null ? waived : waived.withCompliance(compliance);
        long checked = System.nanoTime();
        console.detail(String.format("ran %d checks on %d targets in %.2f s", results.stream().map(r -> r.check().id()).distinct().count(),
                report.summary().targets().values().stream().mapToInt(Integer::intValue).sum(), (checked - start) / 1e9));
        AuditReport shown = severities == null ? report : report.showing(finding -> severities.contains(finding.severity()));
        target.write(console, Output.format(Formats.AUDIT, format), shown, details, docsUrl);
        console.detail(String.format("wrote the %s report in %.2f s", format, (System.nanoTime() - checked) / 1e9));
        boolean newAtOrAbove = false;
        if (earlier != null) {
            ReportDiff diff = ReportDiff.between(baseline.toString(), earlier, "this audit", report.findings());
            console.info("since " + baseline + ": " + diff.added().size() + " new, " + diff.severityChanged().size() + " more or less severe, "
                    + diff.fixed().size() + " fixed, " + diff.unchanged().size() + " unchanged");
            diff.added().forEach(finding -> console.info("  new " + finding.severity().id() + " " + finding.id() + " on "
                    + Terminal.escape(finding.target().label())));
            diff.fixed().forEach(finding -> console.info("  fixed " + finding.id() + " on " + Terminal.escape(finding.target().label())));
            newAtOrAbove = failOnNew != null && diff.highestNew().map(severity -> severity.compareTo(failOnNew) >= 0).orElse(false);
        }
        // The gate judges every finding kept, whatever --severity shows.
        boolean failed = failOn != null && report.highestSeverity().map(s -> s.compareTo(failOn) >= 0).orElse(false)
                || failOnUnknown && !report.undecided().isEmpty() || newAtOrAbove;
        return failed ? ExitCode.FINDINGS : ExitCode.OK;
    }

    static final class SeverityConverter implements picocli.CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            return Severity.fromId(value);
        }
    }
}
