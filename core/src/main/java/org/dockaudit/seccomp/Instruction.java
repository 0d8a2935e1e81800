package org.dockaudit.seccomp;

/**
 * One classic-BPF instruction of the subset the kernel accepts in a seccomp filter, decoded.
 * {@code code}, {@code jt}, {@code jf} and {@code k} are kept as read for the disassembly.
 */
public sealed interface Instruction {

    /** The raw {@code struct sock_filter}. */
    Raw raw();

    record Raw(int code, int jt, int jf, int k) {}

    /** {@code A = seccomp_data[offset]}: 32-bit little-endian word. */
    record LoadWord(Raw raw, int offset) implements Instruction {}

    /** {@code A = k} or {@code X = k}; the kernel turns loads of the packet length into these (64). */
    record LoadImmediate(Raw raw, boolean toX, int value) implements Instruction {}

    /** {@code A = M[slot]} or {@code X = M[slot]}. */
    record LoadMemory(Raw raw, boolean toX, int slot) implements Instruction {}

    /** {@code M[slot] = A} or {@code M[slot] = X}. */
    record Store(Raw raw, boolean fromX, int slot) implements Instruction {}

    /** {@code A = A op k} or {@code A = A op X}; {@code NEG} takes no operand. */
    record Alu(Raw raw, AluOp op, boolean useX, int k) implements Instruction {}

    /** {@code if (A op k|X) goto jt else goto jf}, offsets relative to the next instruction. */
    record Jump(Raw raw, JumpOp op, boolean useX, int k, int jt, int jf) implements Instruction {}

    /** {@code goto +k}. */
    record JumpAlways(Raw raw, int offset) implements Instruction {}

    /** {@code return k} or {@code return A}. */
    record Return(Raw raw, boolean useA, int k) implements Instruction {}

    /** {@code X = A} (TAX) or {@code A = X} (TXA). */
    record Transfer(Raw raw, boolean toX) implements Instruction {}

    enum AluOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), OR("|"), AND("&"), LSH("<<"), RSH(">>"), NEG("-"), XOR("^");

        final String symbol;

        AluOp(String symbol) {
            this.symbol = symbol;
        }

        long apply(long a, long b) {
            return switch (this) {
                case ADD -> (a + b) & 0xffffffffL;
                case SUB -> (a - b) & 0xffffffffL;
                case MUL -> (a * b) & 0xffffffffL;
                case DIV -> b == 0 ? 0 : Long.divideUnsigned(a, b);
                case OR -> a | b;
                case AND -> a & b;
                case LSH -> b >= 32 ? 0 : (a << b) & 0xffffffffL;
                case RSH -> b >= 32 ? 0 : a >>> b;
                case NEG -> (-a) & 0xffffffffL;
                case XOR -> a ^ b;
            };
        }
    }

    enum JumpOp {
        JEQ("=="), JGT(">"), JGE(">="), JSET("&");

        final String symbol;

        JumpOp(String symbol) {
            this.symbol = symbol;
        }

        /** Unsigned 32-bit comparison, as the BPF machine does it. */
        boolean holds(long a, long b) {
            return switch (this) {
                case JEQ -> a == b;
                case JGT -> a > b;
                case JGE -> a >= b;
                case JSET -> (a & b) != 0;
            };
        }
    }
}
