package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.List;

/** What one policy allows that the other does not, per architecture, with conditions. */
public final class PolicyDiff {

    /** A difference on one syscall: how each side treats it. */
    public record Difference(Arch arch, int nr, String name, String left, String right) {}

    private PolicyDiff() {}

    /**
     * Differences between two sets of stacked filters. Where the two analyses word a condition
     * differently, both filters are run on arguments built from the constants of both conditions:
     * a sample on which they disagree is a real difference; none found, the rule is taken as the same.
     */
    public static List<Difference> between(List<Program> left, List<Program> right) {
        return between(left, Filters.analyze(left), right, Filters.analyze(right));
    }

    /** As {@link #between(List, List)}, for filters whose policies are already known. */
    public static List<Difference> between(List<Program> left, Policy leftPolicy, List<Program> right, Policy rightPolicy) {
        List<Difference> differences = new ArrayList<>();
        for (Difference difference : between(leftPolicy, rightPolicy)) {
            if (disagree(left, right, difference)) {
                differences.add(difference);
            }
        }
        return differences;
    }

    private static boolean disagree(List<Program> left, List<Program> right, Difference difference) {
        java.util.Set<Long> constants = new java.util.TreeSet<>(List.of(0L, 1L, 0xffffffffL, 0x100000000L, 0xffffffffffffffffL));
        for (long value : Policy.constantsIn(difference.left() + " " + difference.right())) {
            constants.add(value);
            constants.add(value + 1);
            constants.add(value - 1);
            constants.add(value | 0x100000000L);
        }
        Long[] values = constants.toArray(Long[]::new);
        java.util.Random random = new java.util.Random(difference.nr());
        for (int sample = 0; sample < 400; sample++) {
            long[] args = new long[6];
            for (int i = 0; i < 6; i++) {
                args[i] = sample < values.length ? (i == 0 ? values[sample] : 0) : values[random.nextInt(values.length)];
            }
            SeccompData data = new SeccompData(difference.nr(), difference.arch().audit(), 0, args);
            if (!Emulator.runAll(left, data).toString().equals(Emulator.runAll(right, data).toString())) {
                return true;
            }
        }
        return false;
    }

    public static List<Difference> between(Policy left, Policy right) {
        List<Difference> differences = new ArrayList<>();
        for (Policy.ArchPolicy a : left.arches()) {
            Policy.ArchPolicy b = right.of(a.arch());
            for (int i = 0; i < a.rules().size(); i++) {
                String l = describe(a.rules().get(i));
                String r = describe(b.rules().get(i));
                if (!l.equals(r)) {
                    differences.add(new Difference(a.arch(), a.rules().get(i).nr(), a.rules().get(i).name(), l, r));
                }
            }
            differences.addAll(numbersInNoTable(a, b));
        }
        return differences;
    }

    /**
     * Numbers no table names (a newer kernel's syscalls) treated differently, one difference per
     * range where both partitions agree within: named by the range, sampled at its first number.
     */
    private static List<Difference> numbersInNoTable(Policy.ArchPolicy a, Policy.ArchPolicy b) {
        List<Difference> differences = new ArrayList<>();
        Policy.NumberRange.overlap(a.otherNumbers(), b.otherNumbers(), (from, to, left, right) -> {
            String l = describe(new Policy.Rule((int) from, "", left.outcomes()));
            String r = describe(new Policy.Rule((int) from, "", right.outcomes()));
            if (!l.equals(r)) {
                String name = "numbers " + new Policy.NumberRange(from, to, List.of()).label() + " (in no table)";
                differences.add(new Difference(a.arch(), (int) from, name, l, r));
            }
        });
        return differences;
    }

    /** "allowed", "allowed iff ...", or the denying action(s). */
    static String describe(Policy.Rule rule) {
        if (rule.alwaysAllowed()) {
            return "allowed";
        }
        if (rule.neverAllowed()) {
            return Policy.actions(rule.outcomes());
        }
        return "allowed iff " + rule.allowCondition();
    }
}
