package org.dockaudit.harden;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.dockaudit.model.HardenPlan;

/**
 * Proves derived settings by re-running the workload under them, and with {@code --minimise}
 * removes what it does not need: every capability the trace saw granted is a candidate (the
 * kernel's silent checks look the same as real needs in a trace), then every system call of the
 * workload's own (runc's and the kernel's stay). A candidate whose removal breaks the command is
 * proven needed, with the failure that proves it; one whose removal does not is removed. The run
 * stops at the time budget and says what it left untried.
 */
public final class Minimiser {

    /** What to try to remove. */
    public enum Scope {
        CAPS, SYSCALLS, ALL;

        boolean capabilities() {
            return this != SYSCALLS;
        }

        boolean syscalls() {
            return this != CAPS;
        }
    }

    /**
     * One run of the workload under some settings, and of the command against it, given up on
     * after {@code patience}; {@code removed} names the capability or call this run goes without
     * (null for the derived settings), for the failure to name it first.
     */
    public interface Runner {
        Outcome run(Least least, Duration patience, String removed);
    }

    /** Whether the command passed, and when not, what broke: the command's own words and the refusals traced. */
    public record Outcome(boolean passed, String detail) {}

    /** The settings proven, and the proof. */
    public record Result(Least least, HardenPlan.Proof proof) {}

    private Minimiser() {}

    /**
     * @param minimise what to try removing, or null to verify the derived settings only
     * @param wait how long the first run may take to pass; each later one gets three times what
     *     the first took (at least 3 s): a removal that breaks the workload often makes the command
     *     hang rather than fail, and must not cost the whole wait each time
     * @param clock nanoseconds, for the budget
     */
    public static Result prove(Least derived, String command, Runner runner, Scope minimise, Duration wait, Duration budget,
            LongSupplier clock) {
        long deadline = clock.getAsLong() + budget.toNanos();
        List<HardenPlan.Trial> trials = new ArrayList<>();
        Least least = derived;
        Outcome outcome = trial("the derived settings", null, least, runner, wait, trials, clock);
        if (!outcome.passed() && least.user() != null) {
            least = least.withUser(null);
            outcome = trial("without --user " + derived.user(), null, least, runner, wait, trials, clock);
        }
        double firstPass = trials.getLast().seconds();
        Duration patience = Duration.ofMillis(Math.min(wait.toMillis(), Math.max(3000, Math.round(firstPass * 3000))));
        if (!outcome.passed()) {
            return new Result(least, new HardenPlan.Proof(command, false, outcome.detail(), trials, List.of(), List.of(), List.of()));
        }
        List<String> needed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> untried = new ArrayList<>();
        if (minimise != null && minimise.capabilities() && least.capabilities() != null) {
            for (String capability : List.copyOf(least.capabilities())) {
                if (clock.getAsLong() > deadline) {
                    untried.add("CAP_" + capability);
                    continue;
                }
                Least fewer = least.withoutCapability(capability);
                Outcome without = trial("without " + capability, "CAP_" + capability, fewer, runner, patience, trials, clock);
                if (without.passed()) {
                    least = fewer;
                    removed.add("CAP_" + capability);
                } else {
                    needed.add("CAP_" + capability + ": without it, " + without.detail());
                }
            }
        }
        if (minimise != null && minimise.syscalls()) {
            for (String call : Hardener.syscallCandidates(least)) {
                if (clock.getAsLong() > deadline) {
                    untried.add(call);
                    continue;
                }
                Least fewer = least.withoutSyscall(call);
                Outcome without = trial("without " + call, call, fewer, runner, patience, trials, clock);
                if (without.passed()) {
                    least = fewer;
                    removed.add(call);
                } else {
                    needed.add(call + ": without it, " + without.detail());
                }
            }
        }
        return new Result(least, new HardenPlan.Proof(command, true, null, trials, needed, removed, untried));
    }

    private static Outcome trial(String change, String removed, Least least, Runner runner, Duration patience,
            List<HardenPlan.Trial> trials, LongSupplier clock) {
        long start = clock.getAsLong();
        Outcome outcome = runner.run(least, patience, removed);
        trials.add(new HardenPlan.Trial(change, outcome.passed(), outcome.passed() ? "" : outcome.detail(),
                Math.round((clock.getAsLong() - start) / 1e8) / 10.0));
        return outcome;
    }
}
