package org.dockaudit.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dockaudit.collect.EngineControl;
import org.dockaudit.collect.EngineException;
import org.dockaudit.harden.Hardener;
import org.dockaudit.harden.Least;
import org.dockaudit.harden.Minimiser;
import org.dockaudit.model.ContainerNames;
import org.dockaudit.model.HardenPlan;
import org.dockaudit.model.Json;
import org.dockaudit.model.TraceResult;
import org.dockaudit.report.Formats;
import org.dockaudit.report.JsonFormat;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.ProfileGenerator;
import org.dockaudit.trace.ContainerTracer;
import org.dockaudit.trace.TraceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dockaudit harden CONTAINER}: least-privilege settings from a trace, proven on a copy when asked. */
@Command(name = "harden", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Hardened run-time settings for a container, derived from what its workload does: --cap-drop ALL and the"
                + " capabilities it was granted, a seccomp allow-list profile, no-new-privileges, --read-only with a tmpfs where it"
                + " writes, memory and task limits from its peaks, and the audit's other fixes; as a docker run line and Compose keys.",
                "--verify runs a copy with those settings (new name, no published port, removed after) and a command against it;"
                        + " --minimise then removes each capability and system call the command does not need, and proves the rest."})
final class HardenCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONTAINER", description = "Name or id of the container.")
    String container;

    @Option(names = "--trace", paramLabel = "DURATION", description = "Trace a fresh copy for this long first (default: 30s).")
    Duration trace;

    @Option(names = "--from", paramLabel = "FILE", description = "A saved trace instead: dockaudit trace --format json, or strace -f / strace -qcf output.")
    Path from;

    @Option(names = "--attach", description = "With --trace: trace the running container itself, from now on.")
    boolean attach;

    @Option(names = "--verify", paramLabel = "CMD", description = "A command run on this host against a hardened copy ({ip}: its"
            + " address, also in $DOCKAUDIT_TARGET); exit 0 is success. Example: 'wget -q -O- http://{ip}/'.")
    String verify;

    @Option(names = "--minimise", arity = "0..1", fallbackValue = "all", paramLabel = "WHAT",
            description = "With --verify: try removing each traced capability (caps), system call (syscalls) or both (all, the default).")
    String minimise;

    @Option(names = "--budget", paramLabel = "DURATION", defaultValue = "3m", description = "Longest --minimise may run (default: ${DEFAULT-VALUE}).")
    Duration budget;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "20s",
            description = "Longest wait for a copy to run and for the command to pass against it (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--profile", paramLabel = "FILE", description = "Where to write the seccomp profile (default: CONTAINER-seccomp.json).")
    Path profile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = FormatNames.Harden.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (- or none: standard output).")
    Path output;

    @Mixin EngineOptions engineOptions;

    private final Console console;

    HardenCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws UserError {
        var chosen = Output.format(Formats.HARDEN, format);
        Output target = Output.of(output).check();
        if (trace != null && from != null) {
            throw new UserError(ExitCode.BAD_INPUT, "--trace and --from are two sources of the same trace: give one");
        }
        Minimiser.Scope scope = scope();
        if (scope != null && verify == null) {
            throw new UserError(ExitCode.BAD_INPUT, "--minimise proves each removal by running --verify's command: give --verify CMD");
        }
        Path profileFile = profile != null ? profile : Path.of(container.replaceAll("[^A-Za-z0-9_.-]", "_") + "-seccomp.json");
        Output profileTarget = Output.of(profileFile).check();
        TraceResult traced = from != null ? read(from) : null;
        try (EngineControl engine = engineOptions.open(console)) {
            ContainerTracer tracer = new ContainerTracer(engine, engineOptions.tracefs, console::info);
            JsonNode original = tracer.inspect(container);
            if (traced == null) {
                Duration duration = trace == null ? Duration.ofSeconds(30) : trace;
                console.info("tracing " + (attach ? container : "a fresh copy of " + container) + " for " + duration.toSeconds() + " s");
                traced = tracer.trace(original, new ContainerTracer.Options(duration, false, attach, null, null, false));
            } else if (traced.mode().equals("strace")) {
                traced = new TraceResult(ContainerNames.of(original), original.path("Config").path("Image").asText(), "strace", 0, Map.of(),
                        traced.syscalls(), Map.of(), List.of(), 0, TraceResult.Peaks.UNKNOWN, List.of(), List.of());
            }
            JsonNode image = engine.fact("/images/" + original.path("Image").asText() + "/json").orElse(Json.MAPPER.createObjectNode());
            List<String> notes = new ArrayList<>(traced.notes());
            Least least = Hardener.derive(original, traced, notes);
            List<Hardener.AuditFix> audit = Hardener.auditFixes(original);
            HardenPlan.Proof proof = null;
            if (verify != null) {
                VerifyRunner runner = new VerifyRunner(tracer, original, traced, Hardener.removals(audit), verify, console);
                Minimiser.Result result = Minimiser.prove(least, verify, runner, scope, wait, budget, System::nanoTime);
                least = result.least();
                proof = result.proof();
            }
            List<String> unknown = new ArrayList<>();
            ObjectNode profileJson = Hardener.profile(least, unknown);
            unknown.forEach(name -> notes.add("'" + name + "' is no system call of this host's ABIs; kept, runc ignores it"));
            profileTarget.write(console, new JsonFormat<>(), profileJson);
            HardenPlan plan = Hardener.plan(original, image, traced, least, audit, profileFile.toString(), notes).withProof(proof);
            target.write(console, chosen, plan);
            return proof != null && !proof.passed() ? ExitCode.FINDINGS.code : ExitCode.OK.code;
        } catch (TraceException e) {
            throw EngineOptions.failure(e);
        } catch (VerifyRunner.Aborted e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
        } catch (EngineException e) {
            throw new UserError(ExitCode.CANNOT_COLLECT, e.getMessage());
        }
    }

    private Minimiser.Scope scope() throws UserError {
        if (minimise == null) {
            return null;
        }
        return switch (minimise) {
            case "caps" -> Minimiser.Scope.CAPS;
            case "syscalls" -> Minimiser.Scope.SYSCALLS;
            case "all" -> Minimiser.Scope.ALL;
            default -> throw new UserError(ExitCode.BAD_INPUT, "--minimise " + minimise + ": one of caps, syscalls, all");
        };
    }

    /** A trace saved by {@code dockaudit trace --format json}, or strace's output (its calls, per ABI). */
    static TraceResult read(Path file) throws UserError {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": cannot read: " + e.getMessage());
        }
        if (text.stripLeading().startsWith("{")) {
            try {
                TraceResult trace = Json.MAPPER.readValue(text, TraceResult.class);
                if (trace.mode() == null || trace.syscalls() == null || trace.capabilities() == null) {
                    throw new UserError(ExitCode.BAD_INPUT, file + ": not a dockaudit trace (no mode, capabilities or syscalls)");
                }
                return trace;
            } catch (JacksonException e) {
                throw new UserError(ExitCode.BAD_INPUT, file + ": not a dockaudit trace: " + e.getOriginalMessage());
            }
        }
        Map<Arch, java.util.Set<String>> calls = ProfileGenerator.parseStrace(text.lines().toList());
        if (calls.isEmpty()) {
            throw new UserError(ExitCode.BAD_INPUT, file + ": neither a dockaudit trace (JSON) nor strace output (no system call found)");
        }
        Map<String, Map<String, Long>> syscalls = new java.util.TreeMap<>();
        calls.forEach((abi, names) -> names.forEach(name -> syscalls.computeIfAbsent(abi.id(), k -> new java.util.TreeMap<>()).put(name, 1L)));
        return new TraceResult("", "", "strace", 0, Map.of(), syscalls, Map.of(), List.of(), 0, TraceResult.Peaks.UNKNOWN, List.of(), List.of());
    }
}
