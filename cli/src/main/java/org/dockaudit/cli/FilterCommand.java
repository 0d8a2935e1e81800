package org.dockaudit.cli;

import static org.dockaudit.cli.SeccompCommand.console;
import static org.dockaudit.cli.SeccompCommand.orAllowEverything;

import java.util.List;
import java.util.concurrent.Callable;
import org.dockaudit.seccomp.Program;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A subcommand that reads filters: a file, a profile, a container or a pid. */
abstract class FilterCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|CONTAINER", description = "Filter file, Docker JSON profile, running container or pid.")
    String input;
    @Mixin FilterSource source;
    @Spec CommandSpec spec;

    Console console() {
        return SeccompCommand.console(spec);
    }

    /** The filters; a process without any is read as the filter it amounts to, one that allows everything. */
    List<Program> filters() throws UserError {
        return orAllowEverything(source.load(input, console()));
    }
}
