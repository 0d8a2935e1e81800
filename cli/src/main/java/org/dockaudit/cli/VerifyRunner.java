package org.dockaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.dockaudit.collect.EngineException;
import org.dockaudit.harden.Hardener;
import org.dockaudit.harden.Least;
import org.dockaudit.harden.Minimiser;
import org.dockaudit.model.HardenPlan;
import org.dockaudit.model.TraceResult;
import org.dockaudit.trace.ContainerCopy;
import org.dockaudit.trace.ContainerTracer;
import org.dockaudit.trace.TraceException;

/**
 * One verification: a copy of the container under the settings tried, traced from its start, and
 * the user's command run on this host against it until it passes or the wait is over. A failure
 * names what the trace shows was refused: a capability the original was granted, or a system call
 * outside the profile (it returned EPERM).
 */
final class VerifyRunner implements Minimiser.Runner {

    private static final Duration RETRY = Duration.ofMillis(500);
    private static final int KEPT_OUTPUT = 300;

    private final ContainerTracer tracer;
    private final JsonNode original;
    private final TraceResult reference;
    private final List<HardenPlan.Removal> removals;
    private final String command;
    private final Console console;

    VerifyRunner(ContainerTracer tracer, JsonNode original, TraceResult reference, List<HardenPlan.Removal> removals, String command,
            Console console) {
        this.tracer = tracer;
        this.original = original;
        this.reference = reference;
        this.removals = removals;
        this.command = command;
        this.console = console;
    }

    /** The host cannot trace or the daemon does not answer: no trial can tell anything, the verification stops. */
    static final class Aborted extends RuntimeException {
        Aborted(String message) {
            super(message);
        }
    }

    @Override
    public Minimiser.Outcome run(Least least, Duration patience, String removed) {
        ObjectNode profile = Hardener.profile(least, new ArrayList<>());
        ObjectNode body = Hardener.hardenedBody(ContainerCopy.createBody(original), least, profile, removals);
        AtomicReference<String> failure = new AtomicReference<>("the copy never ran");
        try {
            TraceResult trace = tracer.copy(original, body, "verify",
                    new ContainerTracer.Options(patience, false, false, null, copy -> failure.set(probe(copy, patience)), false));
            if (failure.get() == null) {
                return new Minimiser.Outcome(true, "");
            }
            return new Minimiser.Outcome(false, failure.get() + refusals(trace, profile, removed));
        } catch (TraceException e) {
            if (e.kind() == TraceException.Cause.HOST) {
                throw new Aborted(e.getMessage());
            }
            return new Minimiser.Outcome(false, e.getMessage());
        } catch (EngineException e) {
            if (e.status() == EngineException.UNREACHABLE) {
                throw new Aborted(e.getMessage());
            }
            // The daemon refused the hardened copy (an option it does not take): that is the trial's failure.
            return new Minimiser.Outcome(false, e.getMessage());
        }
    }

    /** Runs the command until it passes or {@code patience} is over; null when it passed, else its last words. */
    private String probe(JsonNode copy, Duration patience) {
        String ip = ContainerCopy.address(copy);
        long deadline = System.nanoTime() + patience.toNanos();
        String failure = null;
        while (System.nanoTime() < deadline) {
            JsonNode state;
            try {
                state = tracer.state(copy.path("Id").asText());
            } catch (EngineException e) {
                return e.getMessage();
            }
            if (!state.path("Running").asBoolean()) {
                return "the copy exited with code " + state.path("ExitCode").asInt()
                        + (failure == null ? " before the command could run" : " after " + failure);
            }
            String health = state.path("Health").path("Status").asText("");
            if (health.isEmpty() || health.equals("healthy")) {
                failure = runOnce(ip, Duration.ofNanos(Math.max(deadline - System.nanoTime(), RETRY.toNanos())));
                if (failure == null) {
                    return null;
                }
            } else {
                failure = "its health check says " + health;
            }
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return failure == null ? "the copy did not run within " + patience.toSeconds() + " s" : failure;
    }

    /**
     * One run of the command, for at most {@code limit}; null when it exits 0, else its exit code
     * and the end of its output. Its output goes to a file: a command that never closes its output
     * (a client waiting on a server that no longer answers) must not hold the verification.
     */
    private String runOnce(String ip, Duration limit) {
        Path output = null;
        try {
            output = Files.createTempFile("dockaudit-verify-", ".out");
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command.replace("{ip}", ip)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("DOCKAUDIT_TARGET", ip);
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return String.format(java.util.Locale.ROOT, "the command did not end within %.1f s", limit.toMillis() / 1000.0);
            }
            if (process.exitValue() == 0) {
                return null;
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).strip();
            String tail = text.length() > KEPT_OUTPUT ? "..." + text.substring(text.length() - KEPT_OUTPUT) : text;
            return "the command exited with " + process.exitValue() + (tail.isEmpty() ? "" : ": " + tail.replace('\n', ' '));
        } catch (IOException e) {
            return "cannot run the command: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A temporary file of a few bytes; the system's cleaning removes it.
                }
            }
        }
    }

    /**
     * What the copy's trace shows refused: capabilities the original was granted, calls outside
     * the profile. The one this run goes without comes first; the others (removed earlier without
     * harm: the program fell back on another call) are only counted.
     */
    private String refusals(TraceResult trace, ObjectNode profile, String removed) {
        Set<String> allowed = new HashSet<>();
        profile.path("syscalls").forEach(rule -> rule.path("names").forEach(name -> allowed.add(name.asText())));
        List<String> refused = new ArrayList<>();
        List<String> others = new ArrayList<>();
        trace.capabilities().forEach((name, use) -> {
            if (use.denied() > 0 && reference.grantedCapabilities().contains(name)) {
                (name.equals(removed) || removed == null ? refused : others).add(name + " refused " + use.denied() + "x to "
                        + use.firstCommand() + " (pid " + use.firstPid() + ")");
            }
        });
        for (Map.Entry<String, Map<String, Long>> abi : trace.refused().entrySet()) {
            abi.getValue().forEach((call, count) -> {
                if (!allowed.contains(call)) {
                    (call.equals(removed) || removed == null ? refused : others).add(call + " (" + abi.getKey() + ") refused by the profile "
                            + count + "x");
                }
            });
        }
        if (!others.isEmpty()) {
            console.detail("also refused in the copy: " + String.join("; ", others));
            refused.add(others.size() + " other refusal" + (others.size() == 1 ? "" : "s") + " of what was removed before");
        }
        return refused.isEmpty() ? "" : "; traced: " + String.join("; ", refused);
    }
}
