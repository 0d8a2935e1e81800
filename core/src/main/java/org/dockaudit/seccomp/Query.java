package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Can this syscall be allowed, with these arguments fixed?" answered from the filter's leaves,
 * with a concrete {@code seccomp_data} as witness, checked by running the filters on it.
 */
public final class Query {

    private Query() {}

    /**
     * The answer: a witness the filters allow; or none, proven ({@code undecided} empty) or not,
     * with why not (the conditions of allowing paths no witness could be built for, a bound hit).
     */
    public record Answer(Optional<SeccompData> witness, List<String> undecided) {
        public boolean allowed() {
            return witness.isPresent();
        }

        /** No path allows it: proven, not merely not found. */
        public boolean denied() {
            return witness.isEmpty() && undecided.isEmpty();
        }
    }

    /** Combinations of allowing paths tried across stacked filters before the answer is left undecided. */
    static final int MAX_COMBINATIONS = 20_000;

    /** @param fixedArgs argument index to value; the others are free */
    public static Answer ask(List<Program> filters, Arch arch, int nr, Map<Integer, Long> fixedArgs) {
        return ask(filters, Analyzer.analyze(filters.getLast(), Analyzer.DEFAULT_WORK_BOUND), arch, nr, fixedArgs);
    }

    /** As {@link #ask(List, Arch, int, Map)}, reusing the analysis of the newest filter. */
    public static Answer ask(List<Program> filters, Analyzer.Result newest, Arch arch, int nr, Map<Integer, Long> fixedArgs) {
        long audit = Integer.toUnsignedLong(arch.audit());
        List<Analyzer.Result> analyses = new ArrayList<>();
        for (int i = 0; i < filters.size() - 1; i++) {
            analyses.add(Analyzer.analyze(filters.get(i), Analyzer.DEFAULT_WORK_BOUND));
        }
        analyses.add(newest);
        List<String> undecided = new ArrayList<>();
        // Every filter of the stack must allow: the paths of each that may, for this number.
        List<List<List<Predicate>>> allowing = new ArrayList<>();
        for (Analyzer.Result analysis : analyses) {
            if (analysis.boundHit()) {
                undecided.add("the analysis of a filter stopped at its work bound");
            }
            List<List<Predicate>> paths = new ArrayList<>();
            for (Analyzer.Leaf leaf : analysis.leaves()) {
                if (!leaf.arch().contains(audit) || !leaf.nr().contains(Integer.toUnsignedLong(nr))) {
                    continue;
                }
                // RET A computed from the data may allow too: the emulator decides for a witness.
                if (!leaf.returned().isConstant() || Action.of((int) leaf.returned().constant()).allows()) {
                    paths.add(leaf.predicates());
                }
            }
            if (paths.isEmpty() && !analysis.boundHit()) {
                return new Answer(Optional.empty(), List.of()); // this filter refuses it on every path
            }
            allowing.add(paths);
        }
        long combinations = 1;
        for (List<List<Predicate>> paths : allowing) {
            combinations = Math.min(Long.MAX_VALUE / 2, combinations * Math.max(1, paths.size()));
        }
        if (combinations > MAX_COMBINATIONS) {
            undecided.add(combinations + " combinations of allowing paths across the stacked filters, past the bound of "
                    + MAX_COMBINATIONS);
        }
        int[] choice = new int[allowing.size()];
        for (long tried = 0; tried < Math.min(combinations, MAX_COMBINATIONS); tried++) {
            List<Predicate> predicates = new ArrayList<>();
            for (int f = 0; f < allowing.size(); f++) {
                if (!allowing.get(f).isEmpty()) {
                    predicates.addAll(allowing.get(f).get(choice[f]));
                }
            }
            Conditions.Check check = Conditions.check(withFixed(predicates, fixedArgs));
            if (!check.impossible()) {
                Optional<SeccompData> witness = witness(filters, arch, nr, fixedArgs, check);
                if (witness.isPresent()) {
                    return new Answer(witness, List.of());
                }
                undecided.add(Conditions.render(predicates));
            }
            for (int f = 0; f < choice.length && !allowing.get(f).isEmpty(); f++) {
                if (++choice[f] < allowing.get(f).size()) {
                    break;
                }
                choice[f] = 0;
            }
        }
        return new Answer(Optional.empty(), undecided);
    }

    private static List<Predicate> withFixed(List<Predicate> path, Map<Integer, Long> fixedArgs) {
        List<Predicate> predicates = new ArrayList<>(path);
        fixedArgs.forEach((index, value) -> {
            predicates.add(new Predicate(Expr.field(16 + 8 * index), Instruction.JumpOp.JEQ, Expr.constant(value & 0xffffffffL), true));
            predicates.add(new Predicate(Expr.field(20 + 8 * index), Instruction.JumpOp.JEQ, Expr.constant(value >>> 32), true));
        });
        return predicates;
    }

    /** Data built from a possible path's witness and the fixed arguments, if the emulator confirms the stack allows it. */
    private static Optional<SeccompData> witness(List<Program> filters, Arch arch, int nr, Map<Integer, Long> fixedArgs,
            Conditions.Check check) {
        long[] args = new long[6];
        fixedArgs.forEach((index, value) -> args[index] = value);
        long ip = 0;
        for (Map.Entry<Integer, Long> word : check.witness().entrySet()) {
            int offset = word.getKey();
            if (offset == 8 || offset == 12) {
                ip |= offset == 8 ? word.getValue() : word.getValue() << 32;
            } else if (offset >= 16 && !fixedArgs.containsKey((offset - 16) / 8)) {
                int index = (offset - 16) / 8;
                args[index] |= (offset - 16) % 8 == 0 ? word.getValue() : word.getValue() << 32;
            }
        }
        SeccompData data = new SeccompData(nr, arch.audit(), ip, args);
        return Emulator.runAll(filters, data).allows() ? Optional.of(data) : Optional.empty();
    }
}
