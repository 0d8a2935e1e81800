package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact policy of a filter, per architecture it admits: for every known syscall number, the
 * actions it can get and under which argument conditions.
 */
public record Policy(List<ArchPolicy> arches, boolean boundHit, int instructions) {

    private static final int ALLOW = Action.Kind.ALLOW.value;
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("0x[0-9a-f]+|\\b\\d+\\b");

    /**
     * The numbers a rendered condition or action names ({@code 0x10}, {@code errno(38)}): where the
     * policy's boundaries lie, to build test values around.
     */
    public static List<Long> constantsIn(String text) {
        List<Long> constants = new ArrayList<>();
        java.util.regex.Matcher numbers = NUMBER.matcher(text);
        while (numbers.find()) {
            String number = numbers.group();
            constants.add(number.startsWith("0x") ? Long.parseUnsignedLong(number.substring(2), 16) : Long.parseLong(number));
        }
        return constants;
    }

    /** What one syscall gets: an action under a condition (the conjunction "true" when unconditional). */
    public record Outcome(Action action, String condition) {}

    /** The distinct actions of some outcomes as one label, {@code errno(1)|kill_process}; "?" for none. */
    public static String actions(List<Outcome> outcomes) {
        return outcomes.stream().map(o -> o.action().toString()).distinct().reduce((a, b) -> a + "|" + b).orElse("?");
    }

    /** One syscall of one architecture. */
    public record Rule(int nr, String name, List<Outcome> outcomes) {

        public boolean alwaysAllowed() {
            return outcomes.stream().allMatch(o -> o.action().allows());
        }

        public boolean neverAllowed() {
            return outcomes.stream().noneMatch(o -> o.action().allows());
        }

        /** The disjunction of the conditions under which the syscall is allowed. */
        public String allowCondition() {
            List<String> conditions = outcomes.stream().filter(o -> o.action().allows()).map(Outcome::condition).distinct().toList();
            return conditions.size() == 1 ? conditions.getFirst() : "(" + String.join(") || (", conditions) + ")";
        }
    }

    /**
     * Numbers {@code from..to} (unsigned, inclusive) that no syscall table of this ABI names, and the
     * outcomes each of them gets. A kernel newer than the tables may give some of them a meaning.
     */
    public record NumberRange(long from, long to, List<Outcome> outcomes) {
        public String label() {
            return from == to ? Long.toString(from) : from + "-" + to;
        }

        /**
         * Walks two partitions of the same numbers together, calling {@code piece} for each range where
         * neither changes: (from, to, the left range there, the right range there).
         */
        static void overlap(List<NumberRange> left, List<NumberRange> right, Piece piece) {
            int i = 0;
            int j = 0;
            while (i < left.size() && j < right.size()) {
                NumberRange a = left.get(i);
                NumberRange b = right.get(j);
                long from = Math.max(a.from(), b.from());
                long to = Math.min(a.to(), b.to());
                if (from <= to) {
                    piece.accept(from, to, a, b);
                }
                if (a.to() <= b.to()) {
                    i++;
                } else {
                    j++;
                }
            }
        }

        interface Piece {
            void accept(long from, long to, NumberRange left, NumberRange right);
        }

        /** Appends a range to a partition being built, merged into the previous one when they touch and agree. */
        static void append(List<NumberRange> ranges, long from, long to, List<Outcome> outcomes) {
            NumberRange last = ranges.isEmpty() ? null : ranges.getLast();
            if (last != null && last.to() + 1 == from && last.outcomes().equals(outcomes)) {
                ranges.set(ranges.size() - 1, new NumberRange(last.from(), to, last.outcomes()));
            } else {
                ranges.add(new NumberRange(from, to, List.copyOf(outcomes)));
            }
        }
    }

    /**
     * @param rules        every syscall of the architecture's table, by number
     * @param otherNumbers every number outside the table, partitioned into ranges of equal outcomes
     *                     (runc's stub answers ENOSYS past the highest number the profile knew)
     */
    public record ArchPolicy(Arch arch, List<Rule> rules, List<NumberRange> otherNumbers) {

        /** The distinct outcomes any number outside the table can get. */
        public List<Outcome> otherOutcomes() {
            return otherNumbers.stream().flatMap(range -> range.outcomes().stream()).distinct().toList();
        }

        public List<Rule> always() {
            return rules.stream().filter(Rule::alwaysAllowed).toList();
        }

        public List<Rule> conditional() {
            return rules.stream().filter(r -> !r.alwaysAllowed() && !r.neverAllowed()).toList();
        }

        /** Syscalls never allowed, grouped by the action they get. */
        public Map<String, List<Rule>> denied() {
            Map<String, List<Rule>> byAction = new LinkedHashMap<>();
            for (Rule rule : rules) {
                if (rule.neverAllowed()) {
                    byAction.computeIfAbsent(actions(rule.outcomes()), k -> new ArrayList<>()).add(rule);
                }
            }
            return byAction;
        }

        /** Share of the known syscalls the filter allows, at least under some condition. */
        public double coverage() {
            return rules.isEmpty() ? 0 : (double) (always().size() + conditional().size()) / rules.size();
        }

        public boolean admitsAnything() {
            return rules.stream().anyMatch(r -> !r.neverAllowed());
        }
    }

    public Rule rule(Arch arch, int nr) {
        for (ArchPolicy policy : arches) {
            if (policy.arch() == arch) {
                for (Rule rule : policy.rules()) {
                    if (rule.nr() == nr) {
                        return rule;
                    }
                }
            }
        }
        return null;
    }

    public ArchPolicy of(Arch arch) {
        return arches.stream().filter(p -> p.arch() == arch).findFirst().orElseThrow();
    }

    /** Builds the policy of one filter. */
    public static Policy of(Program program) {
        return of(Analyzer.analyze(program, Analyzer.DEFAULT_WORK_BOUND));
    }

    public static Policy of(Analyzer.Result result) {
        List<ArchPolicy> arches = new ArrayList<>();
        for (Arch arch : Arch.values()) {
            long audit = Integer.toUnsignedLong(arch.audit());
            Paths paths = new Paths(result.leaves().stream().filter(leaf -> leaf.arch().contains(audit)).toList(), audit);
            Map<Integer, String> table = arch.syscalls();
            long[] numbers = table.keySet().stream().filter(arch::owns).mapToLong(Integer::toUnsignedLong).sorted().toArray();
            List<Rule> rules = new ArrayList<>();
            for (long nr : numbers) {
                List<Outcome> found = paths.outcomesAt(nr);
                // Past the bound nothing is known: assume the syscall may be allowed, never the reverse.
                rules.add(new Rule((int) nr, table.get((int) nr), found.isEmpty() && result.boundHit()
                        ? List.of(new Outcome(Action.of(ALLOW), "unknown: analysis bound hit")) : found));
            }
            arches.add(new ArchPolicy(arch, rules, otherNumbers(arch, numbers, paths, result.boundHit())));
        }
        return new Policy(arches, result.boundHit(), result.program().size());
    }

    /** Distinct conditions listed for one syscall before they are summarised: past it, a filter made to stall analysis. */
    static final int MAX_CONDITIONS_PER_RULE = 256;

    /**
     * The leaves of one ABI, grouped by what they say of the number and the architecture. The leaves
     * partition the inputs, so when every leaf that reaches a number returns the same action, that
     * number gets it unconditionally, whatever the argument tests on the way: conditions are only
     * worked out where actions differ. Without this, a few dozen argument tests stacked as diamonds
     * (2^n leaves) times every syscall number stalled the audit.
     */
    private static final class Paths {
        private final long audit;
        private final List<Group> groups = new ArrayList<>();
        // What a number gets depends only on which groups reach it: numbers reached alike share one answer.
        private final Map<List<Integer>, List<Outcome>> byReaching = new java.util.HashMap<>();
        // The numbers cut into pieces wherever a group's set of numbers starts or ends, and the groups
        // whose numbers hold each piece (ascending): asked for every number of every table, a scan of
        // all the groups was as slow as the analysis itself.
        private final long[] pieceStarts;
        private final int[][] groupsOfPiece;
        /** What each piece's numbers get, once known, where no path tests the number's bits. */
        private final List<Outcome>[] outcomesOfPiece;

        private record Group(IntervalSet nr, List<Predicate> onNrOrArch, List<Analyzer.Leaf> leaves, List<List<Predicate>> rest,
                Action uniform, Outcome[] outcomes) {

            /** Each leaf's outcome, worked out once for every number it reaches; null for an impossible path. */
            Outcome outcome(int leaf) {
                if (outcomes[leaf] == null && !Conditions.check(rest.get(leaf)).impossible()) {
                    outcomes[leaf] = Policy.outcome(leaves.get(leaf).returned(), rest.get(leaf));
                }
                return outcomes[leaf];
            }

            /** The action of a path, possible or not: no condition rendered. */
            Action action(int leaf) {
                Expr returned = leaves.get(leaf).returned();
                return returned.isConstant() ? Action.of((int) returned.constant()) : computedReturn(returned, "").action();
            }

            boolean possible(int leaf) {
                return outcomes[leaf] != null || !Conditions.check(rest.get(leaf)).impossible();
            }
        }

        Paths(List<Analyzer.Leaf> leaves, long audit) {
            this.audit = audit;
            Map<List<Object>, List<Analyzer.Leaf>> byKey = new LinkedHashMap<>();
            Map<List<Object>, List<List<Predicate>>> restByKey = new LinkedHashMap<>();
            for (Analyzer.Leaf leaf : leaves) {
                List<Predicate> onNrOrArch = new ArrayList<>();
                List<Predicate> rest = new ArrayList<>();
                for (Predicate predicate : leaf.predicates()) {
                    (onNrOrArch(predicate) ? onNrOrArch : rest).add(predicate);
                }
                List<Object> key = List.of(leaf.nr(), onNrOrArch);
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(leaf);
                restByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(rest);
            }
            byKey.forEach((key, members) -> {
                Action uniform = uniformAction(members);
                @SuppressWarnings("unchecked")
                List<Predicate> onNrOrArch = (List<Predicate>) key.get(1);
                groups.add(new Group((IntervalSet) key.get(0), onNrOrArch, members, restByKey.get(key), uniform,
                        new Outcome[members.size()]));
            });
            pieceStarts = IntervalSet.pieceStarts(groups.stream().map(Group::nr).toList());
            List<List<Integer>> pieces = new ArrayList<>();
            for (int piece = 0; piece < pieceStarts.length; piece++) {
                pieces.add(new ArrayList<>());
            }
            for (int i = 0; i < groups.size(); i++) {
                int index = i;
                groups.get(i).nr().forEachInterval((first, last) -> {
                    for (int piece = piece(first); piece < pieceStarts.length && pieceStarts[piece] <= last; piece++) {
                        pieces.get(piece).add(index);
                    }
                });
            }
            groupsOfPiece = pieces.stream().map(indexes -> indexes.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
            @SuppressWarnings("unchecked")
            List<Outcome>[] none = new List[pieceStarts.length];
            outcomesOfPiece = none;
        }

        /** The piece that holds {@code nr}: the last one starting at or below it. */
        private int piece(long nr) {
            int found = java.util.Arrays.binarySearch(pieceStarts, nr);
            return found >= 0 ? found : -found - 2;
        }

        private static Action uniformAction(List<Analyzer.Leaf> leaves) {
            Action first = null;
            for (Analyzer.Leaf leaf : leaves) {
                if (!leaf.returned().isConstant()) {
                    return null;
                }
                Action action = Action.of((int) leaf.returned().constant());
                if (first == null) {
                    first = action;
                } else if (!first.equals(action)) {
                    return null;
                }
            }
            return first;
        }

        /** What the number gets: one unconditional outcome when every path to it agrees. */
        List<Outcome> outcomesAt(long nr) {
            int piece = piece(nr);
            List<Outcome> known = outcomesOfPiece[piece];
            if (known != null) {
                return known;
            }
            SeccompData probe = new SeccompData((int) nr, (int) audit, 0, new long[6]);
            List<Integer> reachingIndexes = new ArrayList<>();
            boolean samePiecewide = true;
            for (int i : groupsOfPiece[piece]) {
                List<Predicate> tests = groups.get(i).onNrOrArch();
                samePiecewide &= tests.stream().noneMatch(Policy::readsNumber);
                if (tests.stream().allMatch(p -> p.evaluate(probe))) {
                    reachingIndexes.add(i);
                }
            }
            List<Outcome> outcomes = byReaching.computeIfAbsent(reachingIndexes, this::outcomesOf);
            // No test of the number beyond its set (a bit test, say): every number of the piece is reached alike.
            if (samePiecewide) {
                outcomesOfPiece[piece] = outcomes;
            }
            return outcomes;
        }

        private List<Outcome> outcomesOf(List<Integer> reachingIndexes) {
            List<Group> reaching = new ArrayList<>();
            Action agreed = null;
            boolean agree = true;
            for (int index : reachingIndexes) {
                Group group = groups.get(index);
                reaching.add(group);
                if (group.uniform() == null || (agreed != null && !agreed.equals(group.uniform()))) {
                    agree = false;
                }
                agreed = agreed == null ? group.uniform() : agreed;
            }
            if (reaching.isEmpty()) {
                return List.of();
            }
            if (agree) {
                return List.of(new Outcome(agreed, "true"));
            }
            List<Outcome> outcomes = new ArrayList<>();
            java.util.Set<Outcome> seen = new java.util.HashSet<>();
            Map<String, Integer> unlisted = new LinkedHashMap<>();
            Map<String, Action> unlistedActions = new LinkedHashMap<>();
            for (Group group : reaching) {
                for (int i = 0; i < group.leaves().size(); i++) {
                    if (seen.size() < MAX_CONDITIONS_PER_RULE) {
                        Outcome outcome = group.outcome(i);
                        if (outcome != null && seen.add(outcome)) {
                            outcomes.add(outcome);
                        }
                    } else {
                        // Past the cap only which actions are possible matters: a path is checked only
                        // when its action has no possible path yet.
                        Action action = group.action(i);
                        String label = action.toString();
                        if (unlistedActions.containsKey(label) || group.possible(i)) {
                            unlisted.merge(label, 1, Integer::sum);
                            unlistedActions.putIfAbsent(label, action);
                        }
                    }
                }
            }
            unlisted.forEach((action, count) -> outcomes.add(new Outcome(unlistedActions.get(action),
                    "one of up to " + count + " more paths, not listed (past " + MAX_CONDITIONS_PER_RULE + " conditions)")));
            return outcomes;
        }
    }

    private static boolean readsNumber(Predicate predicate) {
        return predicate.left().kind() == Expr.Kind.FIELD && predicate.left().offset() == 0
                || predicate.right().kind() == Expr.Kind.FIELD && predicate.right().offset() == 0;
    }

    private static boolean onNrOrArch(Predicate predicate) {
        return predicate.left().kind() == Expr.Kind.FIELD && (predicate.left().offset() == 0 || predicate.left().offset() == 4)
                && (predicate.right().isConstant()
                || (predicate.right().kind() == Expr.Kind.FIELD && (predicate.right().offset() == 0 || predicate.right().offset() == 4)));
    }

    private static Outcome outcome(Expr returned, List<Predicate> rest) {
        if (!returned.isConstant()) {
            return computedReturn(returned, Conditions.render(rest));
        }
        return new Outcome(Action.of((int) returned.constant()), Conditions.render(rest));
    }

    /**
     * Every number the ABI owns and its table does not name, cut wherever a leaf's set of numbers
     * starts or ends, so that within a piece every leaf applies to all numbers or to none; pieces
     * with the same outcomes are merged. A leaf that tests bits of the number is judged at both
     * ends of a piece, and the piece gets what either end gets.
     */
    private static List<NumberRange> otherNumbers(Arch arch, long[] table, Paths paths, boolean boundHit) {
        List<NumberRange> ranges = new ArrayList<>();
        for (long[] owned : arch.ownedRanges()) {
            long from = owned[0];
            int next = java.util.Arrays.binarySearch(table, from);
            next = next < 0 ? -next - 1 : next;
            while (from <= owned[1]) {
                if (next < table.length && table[next] == from) {
                    from++;
                    next++;
                    continue;
                }
                long end = next < table.length ? Math.min(owned[1], table[next] - 1) : owned[1];
                int nextPiece = paths.piece(from) + 1;
                long to = nextPiece < paths.pieceStarts.length && paths.pieceStarts[nextPiece] - 1 < end
                        ? paths.pieceStarts[nextPiece] - 1 : end;
                List<Outcome> outcomes = new ArrayList<>(paths.outcomesAt(from));
                paths.outcomesAt(to).stream().filter(o -> !outcomes.contains(o)).forEach(outcomes::add);
                if (outcomes.isEmpty() && boundHit) {
                    outcomes.add(new Outcome(Action.of(ALLOW), "unknown: analysis bound hit"));
                }
                NumberRange.append(ranges, from, to, outcomes);
                from = to + 1;
            }
        }
        return List.copyOf(ranges);
    }

    /**
     * {@code RET A} with A computed from the data: the kernel acts on whatever A holds. Where the
     * action bits are fixed (an errno built as {@code args[0] & 0xfff | 0x50000}), that action; where
     * they could still spell ALLOW or LOG, allowed; otherwise never allowed, shown as the strictest
     * action the value can spell.
     */
    private static Outcome computedReturn(Expr returned, String condition) {
        long[] bits = returned.knownBits();
        long known = bits[0] & Action.ACTION_FULL & 0xffffffffL;
        long value = bits[1] & known;
        String origin = " (action is " + returned.render() + ", read from the data)";
        if (known == (Action.ACTION_FULL & 0xffffffffL)) {
            long data = (bits[0] & 0xffff) == 0xffff ? bits[1] & 0xffff : 0;
            return new Outcome(Action.of((int) (value | data)), condition + origin);
        }
        boolean mayAllow = ((ALLOW ^ value) & known) == 0 || ((Action.Kind.LOG.value ^ value) & known) == 0;
        if (mayAllow) {
            return new Outcome(Action.of(ALLOW), condition + origin);
        }
        // Unknown action bits at 0, the sign bit at 1 if it may be: the lowest rank it can reach.
        long strictest = value | (~known & 0x80000000L);
        return new Outcome(Action.of((int) strictest), condition + origin + ": never allowed");
    }
}
