package org.dockaudit.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import org.dockaudit.seccomp.Policy;

/**
 * The exact policy of a stack of seccomp filters, as {@code dockaudit seccomp analyze} writes it.
 *
 * @param filters how many filters are stacked
 */
public record PolicyReport(Policy policy, int filters) {

    /** Per architecture admitted: the syscalls always allowed, allowed under a condition, and refused. */
    static final class Json implements ReportFormat<PolicyReport> {
        @Override
        public String name() {
            return "json";
        }

        @Override
        public void write(PolicyReport report, OutputStream out, Options options) throws IOException {
            new JsonFormat<ObjectNode>().write(json(report.policy(), report.filters()), out, options);
        }
    }

    static final class Text extends TextFormat<PolicyReport> {
        @Override
        protected void print(PolicyReport report, PrintWriter out, Options options) {
            text(report.policy(), report.filters(), out);
        }
    }

    private static ObjectNode json(Policy policy, int filters) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode root = json.objectNode();
        root.put("formatVersion", 1);
        root.put("filters", filters);
        root.put("instructions", policy.instructions());
        root.put("boundHit", policy.boundHit());
        ObjectNode arches = root.putObject("arches");
        ObjectNode refused = root.putObject("refusedArches");
        for (Policy.ArchPolicy arch : policy.arches()) {
            if (!arch.admitsAnything()) {
                refused.put(arch.arch().id(), Policy.actions(arch.otherOutcomes()));
                continue;
            }
            ObjectNode node = arches.putObject(arch.arch().id());
            ArrayNode always = node.putArray("always");
            arch.always().forEach(rule -> always.addObject().put("nr", rule.nr()).put("name", rule.name()));
            ArrayNode conditional = node.putArray("conditional");
            arch.conditional().forEach(rule -> {
                ObjectNode entry = conditional.addObject().put("nr", rule.nr()).put("name", rule.name()).put("condition", rule.allowCondition());
                ArrayNode otherwise = entry.putArray("otherwise");
                rule.outcomes().stream().filter(o -> !o.action().allows())
                        .forEach(o -> otherwise.addObject().put("action", o.action().toString()).put("condition", o.condition()));
            });
            ObjectNode denied = node.putObject("denied");
            arch.denied().forEach((action, rules) -> {
                ArrayNode list = denied.putArray(action);
                rules.forEach(rule -> list.addObject().put("nr", rule.nr()).put("name", rule.name()));
            });
            ArrayNode other = node.putArray("otherNumbers");
            arch.otherNumbers().forEach(range -> {
                ObjectNode entry = other.addObject().put("from", range.from()).put("to", range.to());
                ArrayNode outcomes = entry.putArray("outcomes");
                range.outcomes().forEach(o -> outcomes.addObject().put("action", o.action().toString()).put("condition", o.condition()));
            });
            node.put("coverage", Math.round(arch.coverage() * 10000) / 10000.0);
            node.put("known", arch.rules().size());
        }
        return root;
    }

    private static void text(Policy policy, int filters, PrintWriter out) {
        out.println(filters + " filter(s), " + policy.instructions() + " instructions"
                + (policy.boundHit() ? "; ANALYSIS BOUND HIT: results are partial, unexplored paths count as allowed" : ""));
        for (Policy.ArchPolicy arch : policy.arches()) {
            if (!arch.admitsAnything()) {
                out.println(arch.arch().id() + ": refused (" + Policy.actions(arch.otherOutcomes()) + ")");
                continue;
            }
            out.printf("%s: coverage %.1f%% (%d always, %d conditional, of %d known)%n", arch.arch().id(), 100 * arch.coverage(),
                    arch.always().size(), arch.conditional().size(), arch.rules().size());
            out.println("  always allowed: " + String.join(" ", arch.always().stream().map(Policy.Rule::name).toList()));
            for (Policy.Rule rule : arch.conditional()) {
                out.println("  " + rule.name() + " allowed iff " + rule.allowCondition());
            }
            arch.denied().forEach((action, rules) -> out.println("  " + action + ": " + String.join(" ", rules.stream().map(Policy.Rule::name).toList())));
            out.println("  numbers in no table: " + String.join("; ", arch.otherNumbers().stream()
                    .map(range -> range.label() + " " + Policy.actions(range.outcomes())).toList()));
        }
        out.flush();
    }
}
