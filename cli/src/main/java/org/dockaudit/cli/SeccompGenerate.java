package org.dockaudit.cli;

import static org.dockaudit.cli.SeccompCommand.arch;
import static org.dockaudit.cli.SeccompCommand.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.dockaudit.report.JsonFormat;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.ProfileGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "A Docker JSON allow-list profile from `strace -qcf` summaries (several ABI sections possible) "
                + "or a list, plus the syscalls runc makes after loading the filter.")
final class SeccompGenerate implements Callable<Integer> {
    @Option(names = "--from-strace", paramLabel = "FILE", arity = "1..*", description = "strace -c output files.")
    List<Path> traces;
    @Option(names = "--syscalls", paramLabel = "NAME,...", split = ",", description = "Syscall names.")
    List<String> syscalls;
    @Option(names = "--native-arch", paramLabel = "ARCH", defaultValue = "x86_64",
            description = "The architecture the profile is for; the others seen become subArchitectures (default: ${DEFAULT-VALUE}).") String nativeArch;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Profile to write (- or none: standard output).") Path output;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws UserError {
        Console console = console(spec);
        Arch architecture = arch(nativeArch);
        Output target = Output.of(output).check();
        Map<Arch, Set<String>> seen = new EnumMap<>(Arch.class);
        if (traces == null && syscalls == null) {
            throw new UserError(ExitCode.BAD_INPUT, "generate needs --from-strace FILE... or --syscalls LIST");
        }
        for (Path trace : traces == null ? List.<Path>of() : traces) {
            try {
                ProfileGenerator.parseStrace(Files.readAllLines(trace))
                        .forEach((abi, names) -> seen.computeIfAbsent(abi, k -> new TreeSet<>()).addAll(names));
            } catch (IOException e) {
                throw new UserError(ExitCode.BAD_INPUT, trace + ": cannot read: " + e.getMessage());
            }
        }
        if (syscalls != null) {
            seen.computeIfAbsent(architecture, k -> new TreeSet<>()).addAll(syscalls.stream().map(String::strip).toList());
        }
        if (seen.isEmpty()) {
            throw new UserError(ExitCode.BAD_INPUT, "no syscall found in the input (expected strace -c summaries)");
        }
        List<String> unknown = new ArrayList<>();
        ObjectNode profile = ProfileGenerator.profile(seen, architecture, unknown);
        for (String name : unknown) {
            console.err().println("dockaudit: warning: '" + name + "' is no syscall of " + seen.keySet() + "; kept, runc will ignore it");
        }
        target.write(console, new JsonFormat<>(), profile);
        if (!target.toStandardOutput()) {
            console.info("wrote " + output);
        }
        return ExitCode.OK.code;
    }
}
