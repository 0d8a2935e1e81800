package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.List;

/** What one policy allows that the other does not, per architecture, with conditions. */
public final class PolicyDiff {

    /** A difference on one syscall: how each side treats it. */
    public record Difference(Arch arch, int nr, String name, String left, String right) {}

    private PolicyDiff() {}

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
        }
        return differences;
    }

    /** "allowed", "allowed iff ...", or the denying action(s). */
    static String describe(Policy.Rule rule) {
        if (rule.alwaysAllowed()) {
            return "allowed";
        }
        if (rule.neverAllowed()) {
            return String.join("|", rule.outcomes().stream().map(o -> o.action().toString()).distinct().toList());
        }
        return "allowed iff " + rule.allowCondition();
    }
}
