package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.List;

/**
 * What a register or scratch word holds during symbolic execution: a constant, a word of
 * {@code seccomp_data} transformed by ALU steps with constant operands, or unknown (computed from
 * two data words, which the analysis does not track).
 */
record Expr(Kind kind, int offset, long constant, List<Step> steps) {

    enum Kind { CONSTANT, FIELD, UNKNOWN }

    record Step(Instruction.AluOp op, long operand) {}

    static final Expr UNKNOWN = new Expr(Kind.UNKNOWN, -1, 0, List.of());
    static final Expr ZERO = constant(0);

    static Expr constant(long value) {
        return new Expr(Kind.CONSTANT, -1, value & 0xffffffffL, List.of());
    }

    static Expr field(int offset) {
        return new Expr(Kind.FIELD, offset, 0, List.of());
    }

    boolean isConstant() {
        return kind == Kind.CONSTANT;
    }

    /** A plain word of seccomp_data, untransformed. */
    boolean isPlainField() {
        return kind == Kind.FIELD && steps.isEmpty();
    }

    Expr apply(Instruction.AluOp op, Expr operand) {
        if (kind == Kind.UNKNOWN || operand.kind == Kind.UNKNOWN) {
            return UNKNOWN;
        }
        if (op == Instruction.AluOp.NEG) {
            return isConstant() ? constant(op.apply(constant, 0)) : withStep(op, 0);
        }
        if (!operand.isConstant()) {
            return UNKNOWN;
        }
        if (isConstant()) {
            return constant(op.apply(constant, operand.constant));
        }
        return withStep(op, operand.constant);
    }

    private Expr withStep(Instruction.AluOp op, long operand) {
        List<Step> more = new ArrayList<>(steps);
        more.add(new Step(op, operand));
        return new Expr(Kind.FIELD, offset, 0, List.copyOf(more));
    }

    /**
     * The bits this value surely has whatever the word it reads: {@code [known mask, their values]}.
     * AND, OR and shifts by constants fix bits; any other step leaves the result unknown.
     */
    long[] knownBits() {
        if (kind == Kind.CONSTANT) {
            return new long[] {0xffffffffL, constant};
        }
        if (kind == Kind.UNKNOWN) {
            return new long[] {0, 0};
        }
        long known = 0;
        long value = 0;
        for (Step step : steps) {
            long k = step.operand;
            switch (step.op) {
                case AND -> {
                    known |= ~k & 0xffffffffL;
                    value &= k;
                }
                case OR -> {
                    known |= k;
                    value |= k;
                }
                case XOR -> value ^= k & known;
                case LSH -> {
                    known = k >= 32 ? 0xffffffffL : ((known << k) | ((1L << k) - 1)) & 0xffffffffL;
                    value = k >= 32 ? 0 : (value << k) & 0xffffffffL;
                }
                case RSH -> {
                    known = k >= 32 ? 0xffffffffL : (known >>> k) | (~(0xffffffffL >>> k) & 0xffffffffL);
                    value = k >= 32 ? 0 : value >>> k;
                }
                default -> {
                    known = 0;
                    value = 0;
                }
            }
        }
        return new long[] {known, value & known};
    }

    /** The value given the word it reads; for a constant, the constant. */
    long evaluate(long word) {
        if (isConstant()) {
            return constant;
        }
        long value = word;
        for (Step step : steps) {
            value = step.op.apply(value, step.operand);
        }
        return value;
    }

    long evaluate(SeccompData data) {
        return evaluate(isConstant() ? 0 : data.word(offset));
    }

    // Written out: a record's generated equals and hashCode go through method handles, which the
    // analysis's memo paid for at each of its look-ups on a short run.
    @Override
    public boolean equals(Object other) {
        return other instanceof Expr expr && kind == expr.kind && offset == expr.offset && constant == expr.constant
                && steps.equals(expr.steps);
    }

    @Override
    public int hashCode() {
        return ((kind.ordinal() * 31 + offset) * 31 + Long.hashCode(constant)) * 31 + steps.hashCode();
    }

    /** {@code args[1].lo}, {@code nr}, {@code (args[0].lo & 0xff)}. */
    String render() {
        return switch (kind) {
            case CONSTANT -> hex(constant);
            case UNKNOWN -> "<computed>";
            case FIELD -> {
                String text = fieldName(offset);
                for (Step step : steps) {
                    text = step.op == Instruction.AluOp.NEG ? "-" + text : "(" + text + " " + step.op.symbol + " " + hex(step.operand) + ")";
                }
                yield text;
            }
        };
    }

    static String fieldName(int offset) {
        return switch (offset) {
            case 0 -> "nr";
            case 4 -> "arch";
            case 8 -> "ip.lo";
            case 12 -> "ip.hi";
            default -> "args[" + (offset - 16) / 8 + "]." + ((offset - 16) % 8 == 0 ? "lo" : "hi");
        };
    }

    static String hex(long value) {
        return value < 10 ? Long.toString(value) : "0x" + Long.toHexString(value);
    }
}
