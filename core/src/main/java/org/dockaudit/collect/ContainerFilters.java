package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.dockaudit.model.Fact;
import org.dockaudit.model.ProcessStatus;

/**
 * The seccomp filters of one container named on the command line, read as the audit reads them:
 * a running container's init through {@link FilterReader#readInit}; for a container that does
 * not run, its inspect document and the daemon's answers, from which the checks work out the
 * filter its configuration will give it.
 */
public final class ContainerFilters {

    /** What was found of the container. */
    public sealed interface Found permits Dumped, NotRunning {}

    /** The filters of its running init, oldest first (none: every call allowed), and what the read repaired. */
    public record Dumped(SeccompDumper.Dump dump) implements Found {}

    /** A container that does not run: its configuration, and the daemon's {@code /version} and {@code /info}. */
    public record NotRunning(JsonNode inspect, Fact<JsonNode> version, Fact<JsonNode> info) implements Found {}

    private ContainerFilters() {}

    /**
     * @param endpoint the daemon ({@code unix:///var/run/docker.sock}, {@code tcp://...})
     * @throws EngineException   the daemon refused, or has no such container ({@link EngineException#notFound()})
     * @throws CollectException  the daemon cannot be reached
     * @throws SeccompDumper.DumpException the init was left alone for its safety, or could not be read
     */
    public static Found read(String endpoint, String container)
            throws EngineException, CollectException, SeccompDumper.DumpException {
        try (ZerodepEngineApi engine = ZerodepEngineApi.open(endpoint, 1)) {
            JsonNode inspect = engine.get("/containers/" + container + "/json");
            Fact<JsonNode> info = engine.fact("/info");
            if (!inspect.path("State").path("Running").asBoolean(false)) {
                return new NotRunning(inspect, engine.fact("/version"), info);
            }
            ProcFs proc = new ProcFs(Path.of("/"));
            int pid = inspect.path("State").path("Pid").asInt();
            Fact<Integer> lastCap = proc.capLastCap();
            Fact<ProcessStatus> status = lastCap.known() ? proc.status(pid, lastCap.value()) : Fact.unknown(lastCap.unknown());
            JsonNode securityOptions = info.known() ? info.value().path("SecurityOptions") : null;
            return new Dumped(new FilterReader(proc).readInit(inspect, securityOptions,
                    status.known() ? status.value().seccompFilters() : null));
        }
    }

    /** The daemon's {@code /version}: what builds its containers' filters (Docker, runc, kernel). */
    public static JsonNode engineVersion(String endpoint) throws EngineException, CollectException {
        try (ZerodepEngineApi engine = ZerodepEngineApi.open(endpoint, 1)) {
            return engine.get("/version");
        }
    }

}
