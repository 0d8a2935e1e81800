package org.dockaudit.cli;

import static org.dockaudit.cli.SeccompCommand.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dockaudit.seccomp.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Write every filter stacked on a process as raw struct sock_filter files (FILE, FILE.1, ...; index 0 is the oldest).")
final class SeccompDump implements Callable<Integer> {
    @Parameters(paramLabel = "CONTAINER|PID", description = "Running container (name or id), or a pid.") String target;
    @Option(names = "--pid", description = "Read the target as a pid.") boolean pid;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "File to write.") Path output;
    @Mixin ContainerSource source;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws UserError {
        Console console = console(spec);
        if (pid && !target.matches("[1-9]\\d{0,9}")) {
            throw new UserError(ExitCode.BAD_INPUT, "--pid " + target + ": not a process id");
        }
        List<Program> filters = pid || target.matches("[1-9]\\d{0,9}") && Files.isDirectory(Path.of("/proc", target))
                ? ContainerSource.pid(Integer.parseInt(target), console)
                : source.container(target, console);
        for (int i = 0; i < filters.size(); i++) {
            Path file = i == 0 ? output : Path.of(output + "." + i);
            try {
                Files.write(file, filters.get(i).encode());
            } catch (IOException e) {
                throw new UserError(ExitCode.BAD_INPUT, "cannot write " + file + ": " + e.getMessage());
            }
            console.info("wrote " + file + " (filter " + i + ", " + filters.get(i).size() + " instructions)");
        }
        return ExitCode.OK.code;
    }
}
