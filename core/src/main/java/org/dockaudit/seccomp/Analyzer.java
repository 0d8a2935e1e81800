package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Symbolic execution of a filter over its DAG. The syscall number and the architecture are kept
 * as exact sets of values; every other comparison becomes a predicate on the words it reads.
 * Results are memoised per (instruction, number set, architecture set, registers): the
 * predicates on arguments do not change where the filter goes, only which leaves are feasible,
 * so a suffix of the filter is explored once per state however many paths reach it.
 * Work is bounded; a filter that exceeds the bound gets a partial, flagged answer.
 */
public final class Analyzer {

    /** One way through the filter: the values and predicates that lead to a return. */
    record Leaf(IntervalSet nr, IntervalSet arch, Chain chain, Expr returned) {
        List<Predicate> predicates() {
            return Chain.toList(chain);
        }
    }

    /** Predicates shared between leaves: prefixing one is O(1) however long the path. */
    record Chain(Predicate head, Chain tail) {
        static List<Predicate> toList(Chain chain) {
            List<Predicate> list = new ArrayList<>();
            for (Chain c = chain; c != null; c = c.tail) {
                list.add(c.head);
            }
            return list;
        }
    }

    /**
     * Where a path is and what it knows: the memo's key. Hashed once when made, where a record
     * would hash its sets and sixteen scratch words at each look-up (a third of the analysis).
     */
    private static final class State {
        final int pc;
        final IntervalSet nr;
        final IntervalSet arch;
        final Expr a;
        final Expr x;
        final Scratch memory;
        private final int hash;

        State(int pc, IntervalSet nr, IntervalSet arch, Expr a, Expr x, Scratch memory) {
            this.pc = pc;
            this.nr = nr;
            this.arch = arch;
            this.a = a;
            this.x = x;
            this.memory = memory;
            this.hash = ((((pc * 31 + nr.hashCode()) * 31 + arch.hashCode()) * 31 + a.hashCode()) * 31 + x.hashCode()) * 31
                    + memory.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof State state && hash == state.hash && pc == state.pc && nr.equals(state.nr)
                    && arch.equals(state.arch) && a.equals(state.a) && x.equals(state.x) && memory.equals(state.memory);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The sixteen scratch words, hashed once: most steps pass them on unchanged. */
    private static final class Scratch {
        private final Expr[] words;
        private final int hash;

        Scratch(Expr[] words) {
            this.words = words;
            this.hash = Arrays.hashCode(words);
        }

        Expr get(int slot) {
            return words[slot];
        }

        Scratch with(int slot, Expr value) {
            Expr[] changed = words.clone();
            changed[slot] = value;
            return new Scratch(changed);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Scratch scratch && hash == scratch.hash && Arrays.equals(words, scratch.words);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    public static final int DEFAULT_WORK_BOUND = 2_000_000;

    private final Program program;
    private final int workBound;
    private final Map<State, List<Leaf>> memo = new HashMap<>();
    private int work;
    private boolean boundHit;

    private Analyzer(Program program, int workBound) {
        this.program = program;
        this.workBound = workBound;
    }

    /** All the ways through {@code program}, or as many as the bound allows; no facts per instruction. */
    public static Result analyze(Program program, int workBound) {
        return analyze(program, workBound, false);
    }

    /** The same, with what is known at each instruction: for the disassembly. */
    public static Result annotate(Program program, int workBound) {
        return analyze(program, workBound, true);
    }

    private static Result analyze(Program program, int workBound, boolean withFacts) {
        Analyzer analyzer = new Analyzer(program, workBound);
        List<Leaf>[] leaves = new List[1];
        // Filters of 4096 instructions recurse as deep: give the walk a stack of its own.
        Thread walker = new Thread(null, () -> leaves[0] = analyzer.explore(
                new State(0, IntervalSet.ALL, IntervalSet.ALL, Expr.ZERO, Expr.ZERO, zeroMemory())), "seccomp-analyzer", 256L << 20);
        walker.start();
        try {
            walker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return new Result(program, leaves[0] == null ? List.of() : leaves[0], analyzer.boundHit,
                withFacts ? analyzer.factsByPc() : Map.of());
    }

    /**
     * The leaves of a filter, whether the bound cut the exploration short, and what is known at
     * each instruction ({@link #annotate} only: the disassembly alone reads it).
     */
    public record Result(Program program, List<Leaf> leaves, boolean boundHit, Map<Integer, PcFacts> facts) {}

    /**
     * At one instruction: the architectures the paths reaching it have established (empty and
     * {@code archOpen} true when some path has not tested the architecture), and which words of
     * seccomp_data A may hold unchanged.
     */
    public record PcFacts(java.util.Set<Arch> arches, boolean archOpen, java.util.Set<Integer> accumulatorWords) {}

    private Map<Integer, PcFacts> factsByPc() {
        Map<Integer, java.util.Set<Arch>> arches = new HashMap<>();
        Map<Integer, Boolean> open = new HashMap<>();
        Map<Integer, java.util.Set<Integer>> words = new HashMap<>();
        for (State state : memo.keySet()) {
            java.util.Set<Arch> known = arches.computeIfAbsent(state.pc, pc -> java.util.EnumSet.noneOf(Arch.class));
            boolean anyKnown = false;
            for (Arch arch : Arch.values()) {
                if (state.arch.contains(Integer.toUnsignedLong(arch.audit()))) {
                    known.add(arch);
                    anyKnown = true;
                }
            }
            if (state.arch.size() > Arch.values().length || !anyKnown) {
                open.put(state.pc, true);
            }
            if (state.a.isPlainField()) {
                words.computeIfAbsent(state.pc, pc -> new java.util.HashSet<>()).add(state.a.offset());
            }
        }
        Map<Integer, PcFacts> facts = new HashMap<>();
        for (Map.Entry<Integer, java.util.Set<Arch>> entry : arches.entrySet()) {
            int pc = entry.getKey();
            facts.put(pc, new PcFacts(entry.getValue(), open.getOrDefault(pc, false), words.getOrDefault(pc, java.util.Set.of())));
        }
        return facts;
    }

    private static Scratch zeroMemory() {
        Expr[] memory = new Expr[Program.MEMORY_WORDS];
        Arrays.fill(memory, Expr.ZERO);
        return new Scratch(memory);
    }

    private List<Leaf> explore(State state) {
        if (state.nr.isEmpty() || state.arch.isEmpty()) {
            return List.of();
        }
        List<Leaf> known = memo.get(state);
        if (known != null) {
            return known;
        }
        if (++work > workBound) {
            boundHit = true;
            return List.of();
        }
        List<Leaf> result = step(state);
        memo.put(state, result);
        return result;
    }

    private List<Leaf> step(State s) {
        int next = s.pc + 1;
        return switch (program.get(s.pc)) {
            case Instruction.LoadWord load -> explore(new State(next, s.nr, s.arch, Expr.field(load.offset()), s.x, s.memory));
            case Instruction.LoadImmediate load -> load.toX()
                    ? explore(new State(next, s.nr, s.arch, s.a, Expr.constant(Integer.toUnsignedLong(load.value())), s.memory))
                    : explore(new State(next, s.nr, s.arch, Expr.constant(Integer.toUnsignedLong(load.value())), s.x, s.memory));
            case Instruction.LoadMemory load -> load.toX()
                    ? explore(new State(next, s.nr, s.arch, s.a, s.memory.get(load.slot()), s.memory))
                    : explore(new State(next, s.nr, s.arch, s.memory.get(load.slot()), s.x, s.memory));
            case Instruction.Store store ->
                    explore(new State(next, s.nr, s.arch, s.a, s.x, s.memory.with(store.slot(), store.fromX() ? s.x : s.a)));
            case Instruction.Alu alu -> alu.op() == Instruction.AluOp.DIV && alu.useX() ? divideByX(s) : explore(new State(next, s.nr,
                    s.arch, s.a.apply(alu.op(), alu.useX() ? s.x : Expr.constant(Integer.toUnsignedLong(alu.k()))), s.x, s.memory));
            case Instruction.Transfer transfer -> transfer.toX()
                    ? explore(new State(next, s.nr, s.arch, s.a, s.a, s.memory))
                    : explore(new State(next, s.nr, s.arch, s.x, s.x, s.memory));
            case Instruction.JumpAlways jump -> explore(new State(next + jump.offset(), s.nr, s.arch, s.a, s.x, s.memory));
            case Instruction.Return ret -> List.of(new Leaf(s.nr, s.arch, null,
                    ret.useA() ? s.a : Expr.constant(Integer.toUnsignedLong(ret.k()))));
            case Instruction.Jump jump -> branch(s, jump);
        };
    }

    /**
     * {@code A /= X}: the kernel ends the filter with return 0 (KILL_THREAD) when X is zero, so a
     * path through a zero divisor is a kill, never the rest of the filter.
     */
    private List<Leaf> divideByX(State s) {
        State divided = new State(s.pc + 1, s.nr, s.arch, s.a.apply(Instruction.AluOp.DIV, s.x), s.x, s.memory);
        if (s.x.isConstant()) {
            return s.x.constant() == 0 ? List.of(new Leaf(s.nr, s.arch, null, Expr.ZERO)) : explore(divided);
        }
        List<Leaf> leaves = new ArrayList<>();
        leaves.add(new Leaf(s.nr, s.arch, new Chain(new Predicate(s.x, Instruction.JumpOp.JEQ, Expr.ZERO, true), null), Expr.ZERO));
        Predicate nonZero = new Predicate(s.x, Instruction.JumpOp.JEQ, Expr.ZERO, false);
        for (Leaf leaf : explore(divided)) {
            leaves.add(new Leaf(leaf.nr(), leaf.arch(), new Chain(nonZero, leaf.chain()), leaf.returned()));
        }
        return leaves;
    }

    private List<Leaf> branch(State s, Instruction.Jump jump) {
        int taken = s.pc + 1 + jump.jt();
        int notTaken = s.pc + 1 + jump.jf();
        Expr right = jump.useX() ? s.x : Expr.constant(Integer.toUnsignedLong(jump.k()));
        if (s.a.isConstant() && right.isConstant()) {
            boolean holds = jump.op().holds(s.a.constant(), right.constant());
            return explore(new State(holds ? taken : notTaken, s.nr, s.arch, s.a, s.x, s.memory));
        }
        boolean fieldInA = s.a.isPlainField() && (s.a.offset() == 0 || s.a.offset() == 4) && right.isConstant();
        // The number or architecture may sit in X and the constant in A: still a test on them.
        boolean fieldInX = right.isPlainField() && (right.offset() == 0 || right.offset() == 4) && s.a.isConstant();
        if ((fieldInA || fieldInX) && jump.op() != Instruction.JumpOp.JSET) {
            Expr field = fieldInA ? s.a : right;
            long k = fieldInA ? right.constant() : s.a.constant();
            boolean onNr = field.offset() == 0;
            IntervalSet set = onNr ? s.nr : s.arch;
            IntervalSet yes;
            IntervalSet no;
            if (fieldInA || jump.op() == Instruction.JumpOp.JEQ) {
                yes = set.narrow(jump.op(), k, true);
                no = set.narrow(jump.op(), k, false);
            } else {
                // k > v is not (v >= k); k >= v is not (v > k).
                Instruction.JumpOp mirrored = jump.op() == Instruction.JumpOp.JGT ? Instruction.JumpOp.JGE : Instruction.JumpOp.JGT;
                yes = set.narrow(mirrored, k, false);
                no = set.narrow(mirrored, k, true);
            }
            work += 1;
            List<Leaf> leaves = new ArrayList<>(explore(onNr
                    ? new State(taken, yes, s.arch, s.a, s.x, s.memory)
                    : new State(taken, s.nr, yes, s.a, s.x, s.memory)));
            leaves.addAll(explore(onNr
                    ? new State(notTaken, no, s.arch, s.a, s.x, s.memory)
                    : new State(notTaken, s.nr, no, s.a, s.x, s.memory)));
            return leaves;
        }
        List<Leaf> leaves = new ArrayList<>();
        for (boolean holds : new boolean[] {true, false}) {
            Predicate predicate = new Predicate(s.a, jump.op(), right, holds);
            for (Leaf leaf : explore(new State(holds ? taken : notTaken, s.nr, s.arch, s.a, s.x, s.memory))) {
                // Leaves count as work: diamonds of tests on arguments multiply them.
                if (++work > workBound) {
                    boundHit = true;
                    return leaves;
                }
                leaves.add(new Leaf(leaf.nr(), leaf.arch(), new Chain(predicate, leaf.chain()), leaf.returned()));
            }
        }
        return leaves;
    }
}
