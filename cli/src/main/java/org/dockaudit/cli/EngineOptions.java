package org.dockaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.dockaudit.collect.CollectException;
import org.dockaudit.collect.EngineControl;
import org.dockaudit.collect.EngineException;
import org.dockaudit.model.TraceResult;
import org.dockaudit.trace.ContainerTracer;
import org.dockaudit.trace.TraceException;
import picocli.CommandLine.Option;

/** The daemon that {@code trace} and {@code harden} create their copies on, and how they trace. */
final class EngineOptions {

    @Option(names = {"-H", "--host"}, paramLabel = "URI",
            description = "Docker daemon (default: $DOCKER_HOST, else unix:///var/run/docker.sock).")
    String host;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Longest wait for one answer of the daemon (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--tracefs", paramLabel = "DIR", defaultValue = "/sys/kernel/tracing", hidden = true,
            description = "Where tracefs is (mounted there when it is not).")
    Path tracefs;

    /** The daemon, opened for the calls that create and remove copies. */
    EngineControl open(Console console) throws UserError {
        try {
            return EngineControl.open(HostOptions.endpoint(host, console), timeout);
        } catch (CollectException e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
        }
    }

    /** Traces {@code container} on the daemon, with the exit codes of trace errors: 2 for the container, 3 for the host. */
    TraceResult trace(Console console, String container, ContainerTracer.Options options) throws UserError {
        try (EngineControl engine = open(console)) {
            ContainerTracer tracer = new ContainerTracer(engine, tracefs, console::info);
            JsonNode original = tracer.inspect(container);
            return tracer.trace(original, options);
        } catch (TraceException e) {
            throw failure(e);
        } catch (EngineException e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
        }
    }

    static UserError failure(TraceException e) {
        return new UserError(e.kind() == TraceException.Cause.CONTAINER ? ExitCode.BAD_INPUT : ExitCode.CANNOT_COLLECT, e.getMessage());
    }
}
