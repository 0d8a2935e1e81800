package org.dockaudit.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dockaudit.seccomp.Action;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.Emulator;
import org.dockaudit.seccomp.Program;
import org.dockaudit.seccomp.SeccompData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "emulate", mixinStandardHelpOptions = true, description = "Run the filter on one syscall and print the action.")
final class SeccompEmulate extends FilterCommand {
    @Option(names = "--ip", paramLabel = "V", description = "Instruction pointer of the call, for filters that test it.") String ip;
    @Mixin SyscallArguments arguments;

    @Override
    public Integer call() throws UserError {
        Console console = console();
        List<Program> filters = filters();
        Arch architecture = arguments.architecture();
        long[] args = new long[6];
        arguments.fixed().forEach((index, value) -> args[index] = value);
        SeccompData data = new SeccompData(arguments.number(architecture), architecture.audit(),
                ip == null ? 0 : SyscallArguments.parse(ip), args);
        Action action = Emulator.runAll(filters, data);
        PrintWriter out = new PrintWriter(console.out(), true, StandardCharsets.UTF_8);
        out.println(action + "  (0x" + Integer.toHexString(action.raw()) + ")");
        return ExitCode.OK.code;
    }
}
