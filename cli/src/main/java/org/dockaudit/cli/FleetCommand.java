package org.dockaudit.cli;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dockaudit.check.Auditor;
import org.dockaudit.collect.CollectException;
import org.dockaudit.collect.EngineControl;
import org.dockaudit.collect.Fleet;
import org.dockaudit.collect.LiveCollector;
import org.dockaudit.collect.ProcFs;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Tool;
import org.dockaudit.report.AuditReport;
import org.dockaudit.report.FleetReport;
import org.dockaudit.report.Formats;
import org.dockaudit.snapshot.Redactor;
import org.dockaudit.snapshot.SnapshotFiles;
import org.dockaudit.snapshot.SnapshotFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dockaudit fleet audit}: every node of a swarm, from a manager. */
@Command(name = "fleet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Audit every node of a swarm from a manager.",
        subcommands = {FleetCommand.Audit.class, FleetCommand.Node.class})
final class FleetCommand implements Callable<Integer> {

    private final Console console;

    FleetCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        console.err().println("dockaudit: fleet needs a subcommand: audit (see --help)");
        return ExitCode.BAD_INPUT.code;
    }

    @Command(name = "audit", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Run the dockaudit image once on every node of the swarm (a global-job service, removed at the end),"
                    + " gather each node's snapshot through the service's logs, and write one fleet report: each node's report,"
                    + " the findings several nodes share, one recap matrix, and the nodes that did not answer, named.")
    static final class Audit implements Callable<Integer> {

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = {"-H", "--host"}, paramLabel = "URI", description = "The manager's Docker daemon (default: $DOCKER_HOST, else"
                + " the local socket).")
        String host;

        @Option(names = "--image", paramLabel = "IMAGE", required = true,
                description = "The dockaudit image every node can run (scripts/image.sh builds it; push it where the nodes pull).")
        String image;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s",
                description = "Longest wait for the nodes (default: ${DEFAULT-VALUE}); a node not done by then did not answer.")
        String timeout;

        @Option(names = "--all-by-job", description = "Collect the manager's own node through the job too, as any node (by default,"
                + " when this process runs as root in the host's namespaces, it collects that node itself while the job runs on the others).")
        boolean allByJob;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.Fleet.class,
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the fleet report to FILE (- or none: standard output).")
        Path output;

        @Override
        public Integer call() throws UserError {
            Console console = ((FleetCommand) spec.parent().userObject()).console;
            var chosen = Output.format(Formats.FLEET, format);
            Output target = Output.of(output).check();
            Duration wait = HostOptions.duration(timeout);
            List<Fleet.NodeResult> results;
            String endpoint = HostOptions.endpoint(host, console);
            Fleet.Direct direct = allByJob || !Fleet.seesHost(new ProcFs(Path.of("/"))) ? null : () -> {
                // As the job's sibling collects: the host's root, seccomp dumps, redacted.
                LiveCollector.Collected collected = LiveCollector.collect(endpoint, Duration.ofSeconds(5), wait, Path.of("/"), true,
                        HostOptions.defaultParallelism(), true, LiveCollector.Progress.NONE);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    SnapshotFiles.write(Redactor.redact(collected.snapshot()), out);
                } catch (java.io.IOException e) {
                    throw new CollectException("cannot write the manager's snapshot: " + e.getMessage());
                }
                return out.toByteArray();
            };
            try (EngineControl engine = EngineControl.open(endpoint, wait.plusSeconds(30))) {
                results = Fleet.gather(engine, image, wait, direct);
            } catch (CollectException e) {
                throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
            }
            List<FleetReport.Node> nodes = new ArrayList<>();
            List<FleetReport.Unanswered> unanswered = new ArrayList<>();
            for (Fleet.NodeResult result : results) {
                if (result.snapshot() == null) {
                    unanswered.add(new FleetReport.Unanswered(result.node(), result.failure()));
                    continue;
                }
                try {
                    Snapshot snapshot = SnapshotFiles.parse(result.node(), result.snapshot());
                    nodes.add(new FleetReport.Node(result.node(), result.via(), AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot))));
                } catch (SnapshotFormatException e) {
                    unanswered.add(new FleetReport.Unanswered(result.node(), e.getMessage()));
                }
            }
            target.write(console, chosen, FleetReport.of(Tool.nameAndVersion(), nodes, unanswered));
            return nodes.isEmpty() ? ExitCode.CANNOT_COLLECT.code : ExitCode.OK.code;
        }
    }

    /** What each node's task runs: the collecting sibling, relayed through the task's output. */
    @Command(name = "node", hidden = true, description = "The fleet job's task on one node (run by fleet audit).")
    static final class Node implements Callable<Integer> {

        @Option(names = "--image", required = true, description = "The dockaudit image the sibling that collects runs.") String image;
        @Option(names = "--run", required = true, description = "The fleet audit's run, labelled on the sibling.") String run;

        @Override
        public Integer call() throws UserError {
            try (EngineControl engine = EngineControl.open(org.dockaudit.collect.EngineApi.DEFAULT_HOST, Duration.ofMinutes(5))) {
                Fleet.relay(engine, image, run, System.out);
            } catch (CollectException e) {
                System.out.println("dockaudit-fleet unknown error " + e.getMessage());
            }
            return ExitCode.OK.code;
        }
    }
}
