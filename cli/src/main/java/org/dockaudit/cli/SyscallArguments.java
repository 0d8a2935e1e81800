package org.dockaudit.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dockaudit.seccomp.Arch;
import picocli.CommandLine.Option;

/** The syscall asked about: --arch, --syscall, then --arg0 .. --arg5 in decimal or 0x hexadecimal. */
final class SyscallArguments {
    @Option(names = "--arch", required = true, paramLabel = "ARCH",
            description = "Architecture of the call: x86_64, x32, i386, aarch64, arm, riscv64, ppc64le, s390x.") String arch;
    @Option(names = "--syscall", required = true, paramLabel = "NAME|NR",
            description = "System call, by name on that architecture or by number (0 to 4294967295).") String syscall;
    @Option(names = "--arg0", paramLabel = "V", description = "Argument 0, decimal or 0x hexadecimal (64 bits).") String arg0;
    @Option(names = "--arg1", paramLabel = "V", description = "Argument 1, decimal or 0x hexadecimal (64 bits).") String arg1;
    @Option(names = "--arg2", paramLabel = "V", description = "Argument 2, decimal or 0x hexadecimal (64 bits).") String arg2;
    @Option(names = "--arg3", paramLabel = "V", description = "Argument 3, decimal or 0x hexadecimal (64 bits).") String arg3;
    @Option(names = "--arg4", paramLabel = "V", description = "Argument 4, decimal or 0x hexadecimal (64 bits).") String arg4;
    @Option(names = "--arg5", paramLabel = "V", description = "Argument 5, decimal or 0x hexadecimal (64 bits).") String arg5;

    Arch architecture() throws UserError {
        return SeccompCommand.arch(arch);
    }

    /** The call's number on that architecture: its name looked up, or any 32-bit number as given. */
    int number(Arch architecture) throws UserError {
        if (syscall.matches("\\d+")) {
            // Any 32-bit number: seccomp_data.nr is what the caller put in the register.
            if (syscall.length() > 10 || Long.parseLong(syscall) > 0xffffffffL) {
                throw new UserError(ExitCode.BAD_INPUT, "--syscall " + syscall + ": a system call number has 32 bits (0 to 4294967295)");
            }
            return (int) Long.parseLong(syscall);
        }
        return architecture.number(syscall).orElseThrow(() -> new UserError(ExitCode.BAD_INPUT,
                "no syscall '" + syscall + "' on " + architecture.id()));
    }

    Map<Integer, Long> fixed() throws UserError {
        Map<Integer, Long> values = new LinkedHashMap<>();
        String[] given = {arg0, arg1, arg2, arg3, arg4, arg5};
        for (int i = 0; i < given.length; i++) {
            if (given[i] != null) {
                values.put(i, parse(given[i]));
            }
        }
        return values;
    }

    static long parse(String text) throws UserError {
        try {
            String value = text.trim().toLowerCase(Locale.ROOT);
            return value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16)
                    : value.startsWith("-") ? Long.parseLong(value) : Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new UserError(ExitCode.BAD_INPUT, "not a 64-bit argument value: " + text);
        }
    }
}
