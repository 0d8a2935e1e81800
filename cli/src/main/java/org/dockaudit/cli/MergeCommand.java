package org.dockaudit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dockaudit.check.Auditor;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Tool;
import org.dockaudit.report.AuditReport;
import org.dockaudit.report.FleetReport;
import org.dockaudit.report.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dockaudit merge SNAPSHOT...}: one fleet report from snapshots collected on several hosts. */
@Command(name = "merge", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Audit snapshots collected on several hosts (dockaudit collect) as one fleet: each node's report, the"
                + " findings several nodes share, one recap matrix, and the snapshots that could not be read, named.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SNAPSHOT", description = "Snapshots, one per node (dockaudit collect -o NODE.json).")
    List<Path> snapshots;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.Fleet.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the fleet report to FILE (- or none: standard output).")
    Path output;

    private final Console console;

    MergeCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws UserError {
        var chosen = Output.format(Formats.FLEET, format);
        Output target = Output.of(output).check();
        List<FleetReport.Node> nodes = new ArrayList<>();
        List<FleetReport.Unanswered> unanswered = new ArrayList<>();
        for (Path file : snapshots) {
            Snapshot snapshot;
            try {
                snapshot = AnalyzeCommand.read(file, java.io.InputStream.nullInputStream());
            } catch (UserError e) {
                // One node's snapshot that cannot be read is named; the others are still audited.
                String reason = e.getMessage();
                unanswered.add(new FleetReport.Unanswered(file.toString(),
                        reason.startsWith(file + ": ") ? reason.substring(file.toString().length() + 2) : reason));
                continue;
            }
            String host = org.dockaudit.check.Facts.ifKnown(snapshot.daemon().info()).map(info -> info.path("Name").asText(""))
                    .filter(named -> !named.isEmpty()).orElse(file.getFileName().toString());
            // Two snapshots of one host, or hosts of one name: told apart by their files.
            String name = nodes.stream().anyMatch(node -> node.name().equals(host)) ? host + " (" + file.getFileName() + ")" : host;
            nodes.add(new FleetReport.Node(name, file.toString(), AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot))));
        }
        if (nodes.isEmpty()) {
            throw new UserError(ExitCode.BAD_INPUT, "no snapshot could be read: " + String.join("; ",
                    unanswered.stream().map(FleetReport.Unanswered::reason).toList()));
        }
        target.write(console, chosen, FleetReport.of(Tool.nameAndVersion(), nodes, unanswered));
        return ExitCode.OK.code;
    }
}
