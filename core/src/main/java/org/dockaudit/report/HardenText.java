package org.dockaudit.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.dockaudit.model.HardenPlan;

/** A hardening plan for a person: each setting with its reason, the run line, the Compose fragment, the proof. */
final class HardenText extends TextFormat<HardenPlan> {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    @Override
    protected void print(HardenPlan plan, PrintWriter out, Options options) {
        out.printf("Hardened settings for %s (%s), from a trace (%s)%n%n", Terminal.escape(plan.container()), Terminal.escape(plan.image()),
                plan.traceMode());
        int width = plan.settings().stream().mapToInt(setting -> setting.flag().length()).max().orElse(0);
        for (HardenPlan.Setting setting : plan.settings()) {
            out.printf("  %-" + Math.min(width, 48) + "s  %s%n", Terminal.escape(setting.flag()), Terminal.escape(setting.reason()));
        }
        for (HardenPlan.Removal removal : plan.removals()) {
            out.printf("  remove %s  (%s)%n", Terminal.escape(removal.flag()), Terminal.escape(removal.reason()));
        }
        out.println();
        out.println("Run it as:");
        out.println("  " + Terminal.escape(shell(plan.command())));
        out.println();
        out.println("Compose (services." + Terminal.escape(plan.container()) + "):");
        for (Map.Entry<String, Object> key : plan.compose().entrySet()) {
            out.println("  " + key.getKey() + ": " + Terminal.escape(Hardening.yaml(key.getValue())));
        }
        for (String key : plan.composeDelete()) {
            out.println("  # delete: " + Terminal.escape(key));
        }
        if (plan.profile() != null) {
            out.println();
            out.println("Seccomp profile written to " + Terminal.escape(plan.profile()));
        }
        if (!plan.notes().isEmpty()) {
            out.println();
            plan.notes().forEach(note -> out.println("note: " + Terminal.escape(note)));
        }
        HardenPlan.Proof proof = plan.proof();
        if (proof == null) {
            out.println();
            out.println("Not verified: add --verify 'CMD' (with {ip} for the copy's address) to prove it on a copy, --minimise to prune it.");
            return;
        }
        out.println();
        out.println("Verification with: " + Terminal.escape(proof.command()));
        for (HardenPlan.Trial trial : proof.trials()) {
            out.printf("  %-4s %-34s %5.1f s  %s%n", trial.passed() ? "pass" : "FAIL", Terminal.escape(trial.change()), trial.seconds(),
                    Terminal.escape(trial.detail()));
        }
        out.println(proof.passed() ? "Verified: the settings above passed the command." : "NOT verified: " + Terminal.escape(proof.failure()));
        list(out, "Proven needed (removing it broke the command):", proof.provenNeeded());
        list(out, "Removed (seen in the trace, not needed by the command):", proof.removed());
        list(out, "Not tried (time budget):", proof.untried());
    }

    private static void list(PrintWriter out, String heading, List<String> items) {
        if (!items.isEmpty()) {
            out.println(heading);
            items.forEach(item -> out.println("  " + Terminal.escape(item)));
        }
    }

    /** Arguments quoted for a POSIX shell where they need it. */
    static String shell(List<String> arguments) {
        StringBuilder line = new StringBuilder();
        for (String argument : arguments) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(SAFE.matcher(argument).matches() ? argument : "'" + argument.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
