package org.dockaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.seccomp.InvalidFilterException;
import org.dockaudit.seccomp.Program;
import picocli.CommandLine.Mixin;

/**
 * Where a subcommand's filters come from: a filter file, a Docker JSON profile (compiled as the
 * engine would load it), a running container or a pid (dumped).
 */
final class FilterSource {

    @Mixin ContainerSource engine;
    @Mixin ProfileOptions profile;

    /**
     * The filters of each input. A profile compared with a container is compiled for that
     * container's engine (its Docker, runc and kernel), unless the version options say otherwise.
     */
    List<List<Program>> loadAll(Console console, String... inputs) throws UserError {
        boolean profile = false;
        boolean container = false;
        for (String input : inputs) {
            profile |= isProfile(Path.of(input));
            container |= isContainerName(input);
        }
        if (profile && container) {
            this.profile.compileFor(engine.engineVersion(console));
        }
        List<List<Program>> filters = new ArrayList<>();
        for (String input : inputs) {
            filters.add(load(input, console));
        }
        return filters;
    }

    /** Neither a file nor a pid: a container's name or id. */
    private static boolean isContainerName(String input) {
        Path file = Path.of(input);
        return !Files.isRegularFile(file) && !input.contains("/") && !input.endsWith(".bpf")
                && !(input.matches("\\d+") && Files.isDirectory(Path.of("/proc", input)));
    }

    List<Program> load(String input, Console console) throws UserError {
        Path file = Path.of(input);
        if (isProfile(file)) {
            return List.of(profile.compile(file, console));
        }
        if (Files.isRegularFile(file) || input.contains("/") || input.endsWith(".bpf")) {
            return List.of(readFile(file));
        }
        if (input.matches("\\d+") && Files.isDirectory(Path.of("/proc", input))) {
            return ContainerSource.pid(Integer.parseInt(input), console);
        }
        return engine.container(input, console);
    }

    static boolean isProfile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (file.toString().endsWith(".json")) {
            return true;
        }
        try (var in = Files.newInputStream(file)) {
            int first;
            while ((first = in.read()) != -1 && Character.isWhitespace(first)) {
                // skip
            }
            return first == '{';
        } catch (IOException e) {
            return false;
        }
    }

    static Program readFile(Path file) throws UserError {
        try {
            return Program.decode(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": no such file");
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": cannot read: " + e.getMessage());
        } catch (InvalidFilterException e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": " + e.getMessage());
        }
    }
}
