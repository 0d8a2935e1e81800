package org.dockaudit.cli;

import static org.dockaudit.cli.SeccompCommand.arch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.model.Capabilities;
import org.dockaudit.model.Json;
import org.dockaudit.seccomp.InvalidFilterException;
import org.dockaudit.seccomp.Loader;
import org.dockaudit.seccomp.Profile;
import org.dockaudit.seccomp.ProfileCompiler;
import org.dockaudit.seccomp.Program;
import picocli.CommandLine.Option;

/** How a Docker JSON profile is compiled: for which host, capabilities, kernel, Docker and runc. */
final class ProfileOptions {

    @Option(names = "--native-arch", paramLabel = "ARCH", defaultValue = "x86_64",
            description = "For a profile: the host architecture whose archMap entry applies (default: ${DEFAULT-VALUE}).")
    String nativeArch;

    @Option(names = "--caps", paramLabel = "CAP,...", split = ",",
            description = "For a profile: the container's capabilities, which includes/excludes test (default: Docker's default set).")
    List<String> caps;

    @Option(names = "--kernel", paramLabel = "RELEASE",
            description = "For a profile: the kernel release minKernel is compared with (default: keep every entry).")
    String kernel;

    @Option(names = "--docker-version", paramLabel = "VERSION",
            description = "For a profile: the Docker engine that loads it; before 23.0 it ignores defaultErrnoRet (default: the"
                    + " daemon of the container it is compared with, else 23 or later).")
    String dockerVersion;

    @Option(names = "--runc-version", paramLabel = "VERSION",
            description = "For a profile: the runc that loads it; before 1.2 its ENOSYS stub covers only the listed architectures"
                    + " (default: that of the container's daemon it is compared with, else 1.2 or later).")
    String runcVersion;

    /** The engine a profile is compared against ({@code /version}), when no version option says otherwise. */
    private JsonNode engine;

    /** Compile for this engine, unless {@code --docker-version} or {@code --runc-version} was given. */
    void compileFor(JsonNode engineVersion) {
        if (dockerVersion == null && runcVersion == null) {
            engine = engineVersion;
        }
    }

    /** The profile compiled as this loader builds it; what it assumes or ignores is said on stderr. */
    Program compile(Path file, Console console) throws UserError {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Set<String> capabilities = caps == null
                ? DockerDefaults.CAPABILITIES
                : caps.stream().map(Capabilities::canonical).collect(Collectors.toSet());
        Loader loader = engine != null ? Loader.ofEngine(engine, arch(nativeArch), kernel)
                : dockerVersion == null && runcVersion == null ? Loader.current(arch(nativeArch), kernel)
                : Loader.of(dockerVersion, runcVersion, arch(nativeArch), kernel);
        try {
            Profile.Resolved resolved = Profile.resolve(json, capabilities, loader);
            loader.assumptions().forEach(assumption -> console.err().println("dockaudit: " + file + ": " + assumption));
            resolved.notes().forEach(note -> console.err().println("dockaudit: " + file + ": " + note));
            return ProfileCompiler.compile(resolved);
        } catch (IllegalArgumentException | InvalidFilterException e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": " + e.getMessage());
        }
    }
}
