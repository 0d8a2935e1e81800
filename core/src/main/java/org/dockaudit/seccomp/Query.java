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
     * The answer: a witness the filters allow; or none, with the conditions of the allowing
     * paths that could not be turned into a concrete witness (empty: no path allows it at all).
     */
    public record Answer(Optional<SeccompData> witness, List<String> unresolved) {
        public boolean allowed() {
            return witness.isPresent();
        }
    }

    /** @param fixedArgs argument index to value; the others are free */
    public static Answer ask(List<Program> filters, Arch arch, int nr, Map<Integer, Long> fixedArgs) {
        return ask(filters, Analyzer.analyze(filters.getLast(), Analyzer.DEFAULT_WORK_BOUND), arch, nr, fixedArgs);
    }

    /** As {@link #ask(List, Arch, int, Map)}, reusing the analysis of the newest filter. */
    public static Answer ask(List<Program> filters, Analyzer.Result newest, Arch arch, int nr, Map<Integer, Long> fixedArgs) {
        List<String> unresolved = new ArrayList<>();
        // Stacked filters: a witness must satisfy each; try each leaf of the newest and check all.
        long audit = Integer.toUnsignedLong(arch.audit());
        for (Analyzer.Leaf leaf : newest.leaves()) {
            if (!leaf.arch().contains(audit) || !leaf.nr().contains(Integer.toUnsignedLong(nr)) || !leaf.returned().isConstant()
                    || !Action.of((int) leaf.returned().constant()).allows()) {
                continue;
            }
            List<Predicate> predicates = new ArrayList<>(leaf.predicates());
            fixedArgs.forEach((index, value) -> {
                predicates.add(new Predicate(Expr.field(16 + 8 * index), Instruction.JumpOp.JEQ, Expr.constant(value & 0xffffffffL), true));
                predicates.add(new Predicate(Expr.field(20 + 8 * index), Instruction.JumpOp.JEQ, Expr.constant(value >>> 32), true));
            });
            Conditions.Check check = Conditions.check(predicates);
            if (check.impossible()) {
                continue;
            }
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
            if (Emulator.runAll(filters, data).allows()) {
                return new Answer(Optional.of(data), List.of());
            }
            unresolved.add(Conditions.render(leaf.predicates()));
        }
        return new Answer(Optional.empty(), unresolved);
    }
}
