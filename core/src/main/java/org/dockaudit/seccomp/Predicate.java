package org.dockaudit.seccomp;

/** A branch taken on a value: {@code left op right} holds, or does not. */
record Predicate(Expr left, Instruction.JumpOp op, Expr right, boolean holds) {

    // Written out, as Expr's are: paths are grouped by their predicates, thousands per filter.
    @Override
    public boolean equals(Object other) {
        return other instanceof Predicate predicate && op == predicate.op && holds == predicate.holds && left.equals(predicate.left)
                && right.equals(predicate.right);
    }

    @Override
    public int hashCode() {
        return ((left.hashCode() * 31 + op.ordinal()) * 31 + right.hashCode()) * 31 + (holds ? 1 : 0);
    }

    /** Whether it holds on this data. */
    boolean evaluate(SeccompData data) {
        return op.holds(left.evaluate(data), right.evaluate(data)) == holds;
    }

    /** The word of seccomp_data this predicate constrains, or -1 for several or none. */
    int word() {
        if (left.kind() == Expr.Kind.FIELD && right.isConstant()) {
            return left.offset();
        }
        return -1;
    }

    /** Whether it holds for a value of its word (only for {@link #word()} >= 0). */
    boolean holdsFor(long word) {
        return op.holds(left.evaluate(word), right.constant()) == holds;
    }

    /** Always true whatever the word, e.g. {@code (args[0].hi & 0) == 0} from libseccomp's masks. */
    boolean tautology() {
        if (word() < 0) {
            return false;
        }
        Expr.Step last = left.steps().isEmpty() ? null : left.steps().getLast();
        if (last != null && last.op() == Instruction.AluOp.AND && left.steps().size() == 1) {
            long mask = last.operand();
            long k = right.constant();
            return switch (op) {
                case JEQ -> holds ? mask == 0 && k == 0 : (k & ~mask) != 0;
                case JSET -> !holds && (mask & k) == 0;
                case JGT -> !holds && mask <= k;
                case JGE -> holds ? k == 0 : false;
            };
        }
        if (left.steps().isEmpty()) {
            long k = right.constant();
            return switch (op) {
                case JGE -> holds && k == 0;
                case JGT -> !holds && k == IntervalSet.MAX;
                case JSET -> !holds && k == 0;
                case JEQ -> false;
            };
        }
        return false;
    }

    String render() {
        String left = this.left.render();
        String right = this.right.render();
        return switch (op) {
            case JEQ -> left + (holds ? " == " : " != ") + right;
            case JGT -> left + (holds ? " > " : " <= ") + right;
            case JGE -> left + (holds ? " >= " : " < ") + right;
            case JSET -> "(" + left + " & " + right + ")" + (holds ? " != 0" : " == 0");
        };
    }
}
