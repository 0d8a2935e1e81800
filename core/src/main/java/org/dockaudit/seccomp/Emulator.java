package org.dockaudit.seccomp;

import java.util.List;

/** Runs filters on a {@code seccomp_data} exactly as the kernel's classic BPF interpreter would. */
public final class Emulator {

    private Emulator() {}

    public static int run(Program program, SeccompData data) {
        long a = 0;
        long x = 0;
        long[] memory = new long[Program.MEMORY_WORDS];
        int pc = 0;
        while (true) {
            Instruction instruction = program.get(pc);
            switch (instruction) {
                case Instruction.LoadWord load -> a = data.word(load.offset());
                case Instruction.LoadImmediate load -> {
                    if (load.toX()) {
                        x = Integer.toUnsignedLong(load.value());
                    } else {
                        a = Integer.toUnsignedLong(load.value());
                    }
                }
                case Instruction.LoadMemory load -> {
                    if (load.toX()) {
                        x = memory[load.slot()];
                    } else {
                        a = memory[load.slot()];
                    }
                }
                case Instruction.Store store -> memory[store.slot()] = store.fromX() ? x : a;
                case Instruction.Alu alu -> {
                    if (alu.op() == Instruction.AluOp.DIV && alu.useX() && x == 0) {
                        // The kernel ends a classic filter that divides by zero with return 0: KILL_THREAD.
                        return 0;
                    }
                    a = alu.op().apply(a, alu.useX() ? x : Integer.toUnsignedLong(alu.k()));
                }
                case Instruction.Transfer transfer -> {
                    if (transfer.toX()) {
                        x = a;
                    } else {
                        a = x;
                    }
                }
                case Instruction.JumpAlways jump -> pc += jump.offset();
                case Instruction.Jump jump -> pc += jump.op().holds(a, jump.useX() ? x : Integer.toUnsignedLong(jump.k())) ? jump.jt() : jump.jf();
                case Instruction.Return ret -> {
                    return ret.useA() ? (int) a : ret.k();
                }
            }
            pc++;
        }
    }

    /**
     * Stacked filters as the kernel runs them: all of them, the newest first, the most restrictive
     * action winning. {@code filters} is in the order {@code PTRACE_SECCOMP_GET_FILTER} numbers
     * them: index 0 is the oldest.
     */
    public static Action runAll(List<Program> filters, SeccompData data) {
        Action result = null;
        for (int i = filters.size() - 1; i >= 0; i--) {
            Action action = Action.of(run(filters.get(i), data));
            result = result == null ? action : result.stricter(action);
        }
        return result;
    }
}
