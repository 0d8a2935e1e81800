package org.dockaudit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.SnapshotFiles;
import org.dockaudit.snapshot.SnapshotFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "analyze", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Report on a snapshot written by `collect`, or on the output of `docker inspect` / "
                + "`podman inspect` (one or many containers and images); `-` reads standard input. No Docker needed.")
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Snapshot or inspect output, or - for standard input.")
    Path file;

    @Mixin
    ReportOptions reportOptions;

    private final Console console;
    private final java.io.InputStream stdin;

    AnalyzeCommand(Console console, java.io.InputStream stdin) {
        this.console = console;
        this.stdin = stdin;
    }

    /** A snapshot or inspect output the user named, or standard input for {@code -}; exit 2 naming it when it is none. */
    static Snapshot read(Path file, java.io.InputStream stdin) throws UserError {
        try {
            return file.toString().equals("-")
                    ? SnapshotFiles.parse("standard input", SnapshotFiles.readBounded("standard input", stdin))
                    : SnapshotFiles.read(file);
        } catch (SnapshotFormatException e) {
            throw new UserError(ExitCode.BAD_INPUT, e.getMessage());
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, "standard input: cannot read: " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws UserError {
        reportOptions.output();
        Snapshot snapshot = read(file, stdin);
        return reportOptions.report(snapshot, console).code;
    }
}
