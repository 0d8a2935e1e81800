package org.dockaudit.cli;

import static org.dockaudit.cli.SeccompCommand.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dockaudit.seccomp.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a Docker JSON profile into a raw filter with the same decisions, as runc loads it on this architecture.")
final class SeccompCompile implements Callable<Integer> {
    @Parameters(paramLabel = "PROFILE.json") Path profile;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Filter file to write.") Path output;
    @Mixin ProfileOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws UserError {
        Console console = console(spec);
        if (!Files.isRegularFile(profile)) {
            throw new UserError(ExitCode.BAD_INPUT, profile + ": no such file");
        }
        Program program = options.compile(profile, console);
        try {
            Files.write(output, program.encode());
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, "cannot write " + output + ": " + e.getMessage());
        }
        console.info("wrote " + output + " (" + program.size() + " instructions)");
        return ExitCode.OK.code;
    }
}
