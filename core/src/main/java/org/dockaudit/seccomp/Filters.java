package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.List;

/** Stacked filters analysed together, as the kernel runs them: every filter, the strictest result. */
public final class Filters {

    private Filters() {}

    public static Policy analyze(List<Program> filters) {
        List<Policy> policies = filters.stream().map(Policy::of).toList();
        return combine(policies);
    }

    /** The policy of filters stacked in this order (any order gives the same actions). */
    public static Policy combine(List<Policy> policies) {
        Policy combined = policies.getFirst();
        for (Policy next : policies.subList(1, policies.size())) {
            List<Policy.ArchPolicy> arches = new ArrayList<>();
            for (Policy.ArchPolicy left : combined.arches()) {
                Policy.ArchPolicy right = next.of(left.arch());
                List<Policy.Rule> rules = new ArrayList<>();
                for (int i = 0; i < left.rules().size(); i++) {
                    Policy.Rule a = left.rules().get(i);
                    Policy.Rule b = right.rules().get(i);
                    rules.add(new Policy.Rule(a.nr(), a.name(), cross(a.outcomes(), b.outcomes())));
                }
                arches.add(new Policy.ArchPolicy(left.arch(), rules, crossRanges(left.otherNumbers(), right.otherNumbers())));
            }
            combined = new Policy(arches, combined.boundHit() || next.boundHit(), combined.instructions() + next.instructions());
        }
        return combined;
    }

    /**
     * Both filters partition the same numbers (those outside the tables) in their own way: the
     * stacked policy cuts where either cuts, and crosses the outcomes piece by piece.
     */
    private static List<Policy.NumberRange> crossRanges(List<Policy.NumberRange> left, List<Policy.NumberRange> right) {
        List<Policy.NumberRange> ranges = new ArrayList<>();
        Policy.NumberRange.overlap(left, right,
                (from, to, a, b) -> Policy.NumberRange.append(ranges, from, to, cross(a.outcomes(), b.outcomes())));
        return List.copyOf(ranges);
    }

    private static List<Policy.Outcome> cross(List<Policy.Outcome> left, List<Policy.Outcome> right) {
        if ((long) left.size() * right.size() > Policy.MAX_CONDITIONS_PER_RULE) {
            // Filters made to multiply paths: the actions the stack can give, without their conditions.
            List<Policy.Outcome> actions = new ArrayList<>();
            for (Policy.Outcome a : left) {
                for (Policy.Outcome b : right) {
                    Policy.Outcome outcome = new Policy.Outcome(a.action().stricter(b.action()),
                            "one of " + ((long) left.size() * right.size()) + " combined paths of stacked filters, not listed");
                    if (!actions.contains(outcome)) {
                        actions.add(outcome);
                    }
                }
            }
            return actions;
        }
        List<Policy.Outcome> outcomes = new ArrayList<>();
        for (Policy.Outcome a : left) {
            for (Policy.Outcome b : right) {
                String condition = a.condition().equals("true") ? b.condition()
                        : b.condition().equals("true") ? a.condition() : a.condition() + " && " + b.condition();
                Policy.Outcome outcome = new Policy.Outcome(a.action().stricter(b.action()), condition);
                if (!outcomes.contains(outcome)) {
                    outcomes.add(outcome);
                }
            }
        }
        return outcomes;
    }
}
