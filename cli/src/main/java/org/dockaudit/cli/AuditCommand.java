package org.dockaudit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "audit", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Audit the local Docker host: every container (running, stopped or created), "
                + "its configuration and what the kernel enforces, then print a report.")
final class AuditCommand implements Callable<Integer> {

    @Mixin
    HostOptions hostOptions;

    @Mixin
    ReportOptions reportOptions;

    private final Console console;

    AuditCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws UserError {
        reportOptions.output();
        try {
            return reportOptions.report(hostOptions.collect(console), console).code;
        } catch (UserError e) {
            if (e.exitCode == ExitCode.CANNOT_COLLECT) {
                throw new UserError(e.exitCode, e.getMessage() + " (without a daemon, try: dockaudit analyze "
                        + Main.home().resolve("examples/lab-snapshot.json") + ")");
            }
            throw e;
        }
    }
}
