package org.dockaudit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.Redactor;
import org.dockaudit.snapshot.SnapshotFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "collect", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Collect a snapshot of the local Docker host for a later `analyze`, on any machine. "
                + "Environment values, and secrets in command lines, health checks and labels, are redacted unless --no-redact.")
final class CollectCommand implements Callable<Integer> {

    @Mixin
    HostOptions hostOptions;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Snapshot file to write (- for standard output).")
    Path output;

    @Option(names = "--no-redact", description = "Keep environment values, command lines, health checks and labels as they are in the snapshot.")
    boolean noRedact;

    private final Console console;

    CollectCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws UserError {
        Output target = Output.of(output).check();
        Snapshot snapshot = hostOptions.collect(console);
        Snapshot written = noRedact ? snapshot : Redactor.redact(snapshot);
        target.write(console, out -> SnapshotFiles.write(written, out));
        console.info("wrote " + (target.toStandardOutput() ? "the snapshot" : output) + " (" + written.containers().size() + " containers, "
                + written.images().size() + " images" + (written.redacted() ? "; redacted: " + Redactor.WHAT : "") + ")");
        return ExitCode.OK.code;
    }
}
