package org.dockaudit.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dockaudit.model.TraceResult;
import org.dockaudit.report.Formats;
import org.dockaudit.trace.ContainerTracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dockaudit trace CONTAINER}: the capabilities and system calls a container's workload really uses. */
@Command(name = "trace", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"The capabilities the kernel checked for a container's workload and the system calls it made, per ABI,"
                + " from the kernel's tracepoints (a private tracefs instance, removed after).",
                "By default a fresh copy of the container (same image, command, environment, mounts, networks; no published port)"
                        + " is traced from its first instruction and removed after: the original is not touched."
                        + " Processes added by docker exec are in the trace. Needs root."})
final class TraceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONTAINER", description = "Name or id of the container.")
    String container;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long to trace (default: ${DEFAULT-VALUE}); with --until-exit, the longest to wait.")
    Duration duration;

    @Option(names = "--until-exit", description = "Stop when the container's main process exits.")
    boolean untilExit;

    @Option(names = "--attach", description = "Trace the running container itself, from now on (misses what it did at start-up).")
    boolean attach;

    @Option(names = "--caps", description = "Report the capabilities (with --syscalls: both, the default).")
    boolean caps;

    @Option(names = "--syscalls", description = "Report the system calls.")
    boolean syscalls;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.Trace.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); json is what harden --from reads.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (- or none: standard output).")
    Path output;

    @Option(names = "--count-all", description = "Count every system call (exact counts, at a cost to a busy workload: bench/trace.sh"
            + " measures it) instead of switching each call's event off once the workload made it.")
    boolean countAll;

    @Option(names = "--raw", paramLabel = "FILE", description = "Also keep the kernel's event lines as read, in FILE (for a bug report).")
    Path raw;

    @picocli.CommandLine.Mixin EngineOptions engineOptions;

    private final Console console;

    TraceCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws UserError {
        var chosen = Output.format(Formats.TRACE, format);
        Output target = Output.of(output).check();
        TraceResult trace = engineOptions.trace(console, container,
                new ContainerTracer.Options(duration, untilExit, attach, raw, null, countAll));
        if (caps != syscalls) {
            trace = caps ? trace.withoutSyscalls() : trace.withoutCapabilities();
        }
        target.write(console, chosen, trace);
        return ExitCode.OK.code;
    }
}
