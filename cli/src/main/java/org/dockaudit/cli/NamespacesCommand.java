package org.dockaudit.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dockaudit.model.Snapshot;
import org.dockaudit.report.Formats;
import org.dockaudit.report.NamespaceGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dockaudit namespaces}: which namespaces the host and the containers share, from the kernel's inodes. */
@Command(name = "namespaces", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Which namespaces (pid, net, ipc, uts, user, cgroup, mnt) the host and the running containers share, from the"
                + " inodes the kernel shows: as text, Graphviz DOT, JSON, or the document OVALI loads.")
final class NamespacesCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SNAPSHOT", description = "A snapshot (dockaudit collect), or - for standard input;"
            + " none: this host, collected now.")
    Path snapshot;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.Namespaces.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (- or none: standard output).")
    Path output;

    @Mixin HostOptions hostOptions;

    private final Console console;
    private final InputStream stdin;

    NamespacesCommand(Console console, InputStream stdin) {
        this.console = console;
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws UserError {
        var chosen = Output.format(Formats.NAMESPACES, format);
        Output target = Output.of(output).check();
        Snapshot facts = snapshot != null ? AnalyzeCommand.read(snapshot, stdin) : hostOptions.collect(console);
        target.write(console, chosen, NamespaceGraph.of(facts));
        return ExitCode.OK.code;
    }
}
