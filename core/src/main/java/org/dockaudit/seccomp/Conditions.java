package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Satisfiability, witnesses and readable forms of predicate conjunctions on seccomp_data words. */
final class Conditions {

    private Conditions() {}

    /** Verdict on a conjunction: provably impossible, or a witness value for each constrained word. */
    record Check(boolean impossible, Map<Integer, Long> witness) {}

    /**
     * Exact for predicates on a plain word ({@code ==}, {@code >}, {@code >=} and their negations):
     * the allowed values form an interval set. With ALU steps or bit tests, candidates built from
     * the constants are tried; failing to find one is not taken as proof, so the conjunction is
     * then kept (never dropping a path that might be feasible).
     */
    static Check check(List<Predicate> predicates) {
        Map<Integer, List<Predicate>> byWord = new TreeMap<>();
        for (Predicate predicate : predicates) {
            if (predicate.word() >= 0) {
                byWord.computeIfAbsent(predicate.word(), w -> new ArrayList<>()).add(predicate);
            }
        }
        Map<Integer, Long> witness = new TreeMap<>();
        for (Map.Entry<Integer, List<Predicate>> entry : byWord.entrySet()) {
            List<Predicate> onWord = entry.getValue();
            // A plain equality fixes the word: the others hold for that value or not at all.
            Optional<Long> fixed = onWord.stream()
                    .filter(p -> p.op() == Instruction.JumpOp.JEQ && p.holds() && p.left().steps().isEmpty())
                    .map(p -> p.right().constant()).findFirst();
            if (fixed.isPresent()) {
                if (!onWord.stream().allMatch(p -> p.holdsFor(fixed.get()))) {
                    return new Check(true, Map.of());
                }
                witness.put(entry.getKey(), fixed.get());
                continue;
            }
            if (onWord.stream().allMatch(p -> p.left().steps().isEmpty() && p.op() != Instruction.JumpOp.JSET)) {
                IntervalSet values = IntervalSet.ALL;
                for (Predicate p : onWord) {
                    values = values.narrow(p.op(), p.right().constant(), p.holds());
                }
                if (values.isEmpty()) {
                    return new Check(true, Map.of());
                }
                witness.put(entry.getKey(), values.first());
                continue;
            }
            if (onWord.stream().allMatch(p -> p.left().steps().isEmpty() && p.op() == Instruction.JumpOp.JSET)) {
                // Bit tests alone: "w & k == 0" clears bits, "w & k != 0" needs one bit of k left free.
                long clear = 0;
                for (Predicate p : onWord) {
                    if (!p.holds()) {
                        clear |= p.right().constant();
                    }
                }
                long value = 0;
                for (Predicate p : onWord) {
                    if (p.holds()) {
                        long free = p.right().constant() & ~clear & IntervalSet.MAX;
                        if (free == 0) {
                            return new Check(true, Map.of());
                        }
                        value |= Long.lowestOneBit(free);
                    }
                }
                witness.put(entry.getKey(), value);
                continue;
            }
            Optional<Long> found = candidates(onWord).stream().filter(v -> onWord.stream().allMatch(p -> p.holdsFor(v))).findFirst();
            found.ifPresent(value -> witness.put(entry.getKey(), value));
        }
        return new Check(false, witness);
    }

    private static Set<Long> candidates(List<Predicate> predicates) {
        Set<Long> constants = new LinkedHashSet<>(List.of(0L, IntervalSet.MAX, 0x80000000L, 0x7fffffffL, 1L));
        for (Predicate p : predicates) {
            long k = p.right().constant();
            constants.add(k);
            constants.add((k + 1) & IntervalSet.MAX);
            constants.add((k - 1) & IntervalSet.MAX);
            constants.add(~k & IntervalSet.MAX);
            for (Expr.Step step : p.left().steps()) {
                constants.add(step.operand());
                constants.add(~step.operand() & IntervalSet.MAX);
                constants.add(k | (~step.operand() & IntervalSet.MAX));
            }
        }
        Set<Long> combined = new LinkedHashSet<>(constants);
        for (long a : constants) {
            for (long b : constants) {
                combined.add(a | b);
                combined.add(a & ~b & IntervalSet.MAX);
            }
        }
        return combined;
    }

    /**
     * A readable conjunction: tautologies and implied inequalities dropped, a plain
     * {@code hi == H} joined with a plain {@code lo == L} into one 64-bit equality, masked
     * low-word tests with no high-word test shown on the argument.
     */
    static String render(List<Predicate> predicates) {
        List<Predicate> kept = new ArrayList<>(predicates.stream().filter(p -> !p.tautology()).toList());
        // "w != u" adds nothing next to "w == v".
        kept.removeIf(p -> p.op() == Instruction.JumpOp.JEQ && !p.holds() && p.left().steps().isEmpty() && p.word() >= 0
                && kept.stream().anyMatch(q -> q != p && q.word() == p.word() && q.op() == Instruction.JumpOp.JEQ && q.holds()
                        && q.left().steps().isEmpty()));
        List<String> parts = new ArrayList<>();
        Set<Predicate> done = new java.util.HashSet<>();
        for (Predicate low : kept) {
            int word = low.word();
            if (word < 16 || (word - 16) % 8 != 0 || !isPlainEquality(low)) {
                continue;
            }
            List<Predicate> highs = kept.stream().filter(h -> h.word() == word + 4).toList();
            if (highs.size() == 1 && isPlainEquality(highs.getFirst())) {
                long value = (highs.getFirst().right().constant() << 32) | low.right().constant();
                parts.add("args[" + (word - 16) / 8 + "] == " + Expr.hex(value));
                done.add(low);
                done.add(highs.getFirst());
            }
        }
        for (Predicate p : kept) {
            if (done.contains(p)) {
                continue;
            }
            int word = p.word();
            boolean masked = p.left().steps().size() == 1 && p.left().steps().getFirst().op() == Instruction.AluOp.AND;
            if (word >= 16 && (word - 16) % 8 == 0 && masked && kept.stream().noneMatch(h -> h.word() == word + 4)) {
                int argument = (word - 16) / 8;
                parts.add(p.render().replace("args[" + argument + "].lo", "args[" + argument + "]"));
            } else {
                parts.add(p.render());
            }
        }
        return parts.isEmpty() ? "true" : String.join(" && ", parts);
    }

    private static boolean isPlainEquality(Predicate p) {
        return p.op() == Instruction.JumpOp.JEQ && p.holds() && p.left().steps().isEmpty() && p.right().isConstant();
    }
}
