package org.dockaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.check.kernel.ClaimedProfile;
import org.dockaudit.collect.CollectException;
import org.dockaudit.collect.ContainerFilters;
import org.dockaudit.collect.EngineException;
import org.dockaudit.collect.FilterReader;
import org.dockaudit.collect.ProcFs;
import org.dockaudit.collect.SeccompDumper;
import org.dockaudit.collect.StopSafety;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.DaemonFacts;
import org.dockaudit.model.Fact;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Tool;
import org.dockaudit.seccomp.InvalidFilterException;
import org.dockaudit.seccomp.Program;
import picocli.CommandLine.Option;

/** The filters of a container (through its daemon) or of a pid, read as the audit reads them. */
final class ContainerSource {

    @Option(names = {"-H", "--host"}, paramLabel = "URI", description = "Docker daemon, to find a container's process.")
    String host;

    /** A running container's init filters; for one that does not run, those its configuration will give it. */
    List<Program> container(String container, Console console) throws UserError {
        try {
            return switch (ContainerFilters.read(HostOptions.endpoint(host, console), container)) {
                case ContainerFilters.Dumped dumped -> programs(dumped.dump(), "container " + container, console);
                case ContainerFilters.NotRunning stopped -> futureFilters(container, stopped, console);
            };
        } catch (SeccompDumper.DumpException e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, "container " + container + ": " + e.getMessage());
        } catch (CollectException e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
        } catch (EngineException e) {
            throw new UserError(e.notFound() ? ExitCode.BAD_INPUT : ExitCode.CANNOT_COLLECT,
                    e.notFound() ? "no file and no container named " + container : e.getMessage());
        }
    }

    /** The daemon's {@code /version}, which says how it loads profiles. */
    JsonNode engineVersion(Console console) throws UserError {
        try {
            return ContainerFilters.engineVersion(HostOptions.endpoint(host, console));
        } catch (CollectException | EngineException e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
        }
    }

    /** The filters of a process, read only if stopping it is proven harmless ({@link FilterReader}). */
    static List<Program> pid(int pid, Console console) throws UserError {
        try {
            return programs(new FilterReader(new ProcFs(Path.of("/"))).read(pid, StopSafety.RestartSyscall.UNKNOWN), "pid " + pid, console);
        } catch (SeccompDumper.DumpException e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
        }
    }

    private static List<Program> programs(SeccompDumper.Dump dump, String what, Console console) throws UserError {
        dump.repairs().forEach(repair -> console.info(repair));
        if (dump.filters().isEmpty()) {
            console.info(what + " has no seccomp filter: every system call is allowed");
            return List.of();
        }
        List<Program> programs = new ArrayList<>();
        try {
            for (byte[] filter : dump.filters()) {
                programs.add(Program.decode(filter));
            }
        } catch (InvalidFilterException e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, what + ": the kernel returned a filter this validator refuses: " + e.getMessage());
        }
        return programs;
    }

    /** A container that does not run: the filter its configuration will give it, as the audit analyses it. */
    private static List<Program> futureFilters(String name, ContainerFilters.NotRunning stopped, Console console) throws UserError {
        String reason = "not collected: seccomp analyze reads the daemon only";
        ContainerRecord record = new ContainerRecord(stopped.inspect(), Fact.unknown("container is not running"));
        Snapshot snapshot = new Snapshot(Snapshot.FORMAT_VERSION, Tool.nameAndVersion(), null, "live", false, HostFacts.notCollected(reason),
                new DaemonFacts(stopped.version(), stopped.info(), Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason),
                        Fact.unknown(reason)),
                List.of(record), List.of(), List.of());
        try {
            List<Program> filters = ClaimedProfile.futureFilters(new ContainerContext(record, snapshot));
            console.info("container " + name + " is not running: " + (filters.isEmpty()
                    ? "it will start with no seccomp filter, every system call allowed"
                    : "analysing the filter its configuration will give it"));
            return filters;
        } catch (UnknownFactException e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, "container " + name + ": " + e.getMessage());
        }
    }
}
