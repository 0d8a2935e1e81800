package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One line per instruction: index, code, jt, jf, k, then a readable form. A syscall number is
 * named for the architecture(s) that the paths reaching the instruction have established, not
 * for the host's: {@code 3} is {@code read} under i386 and {@code close} under x86_64.
 */
public final class Disassembler {

    private Disassembler() {}

    /** @param analysis the filter's analysis with its facts per instruction ({@link Analyzer#annotate}) */
    public static List<String> disassemble(Analyzer.Result analysis) {
        Program program = analysis.program();
        List<String> lines = new ArrayList<>();
        for (int pc = 0; pc < program.size(); pc++) {
            Instruction instruction = program.get(pc);
            Instruction.Raw raw = instruction.raw();
            Analyzer.PcFacts facts = analysis.facts().get(pc);
            String text = facts == null ? readable(instruction, pc, null) + "  ; unreachable" : readable(instruction, pc, facts);
            lines.add(String.format("%04d: 0x%02x 0x%02x 0x%02x 0x%08x  %s", pc, raw.code(), raw.jt(), raw.jf(), raw.k(), text));
        }
        return lines;
    }

    private static String readable(Instruction instruction, int pc, Analyzer.PcFacts facts) {
        return switch (instruction) {
            case Instruction.LoadWord load -> "A = " + Expr.fieldName(load.offset());
            case Instruction.LoadImmediate load -> (load.toX() ? "X = " : "A = ") + Expr.hex(Integer.toUnsignedLong(load.value()));
            case Instruction.LoadMemory load -> (load.toX() ? "X = " : "A = ") + "M[" + load.slot() + "]";
            case Instruction.Store store -> "M[" + store.slot() + "] = " + (store.fromX() ? "X" : "A");
            case Instruction.Alu alu -> alu.op() == Instruction.AluOp.NEG
                    ? "A = -A"
                    : "A " + alu.op().symbol + "= " + (alu.useX() ? "X" : Expr.hex(Integer.toUnsignedLong(alu.k())));
            case Instruction.Transfer transfer -> transfer.toX() ? "X = A" : "A = X";
            case Instruction.JumpAlways jump -> "goto " + String.format("%04d", pc + 1 + jump.offset());
            case Instruction.Return ret -> ret.useA() ? "return A" : "return " + Action.of(ret.k()).toString().toUpperCase(java.util.Locale.ROOT);
            case Instruction.Jump jump -> {
                // Only equality names a syscall or an architecture; thresholds and masks are numbers.
                String operand = jump.useX() ? "X" : jump.op() == Instruction.JumpOp.JEQ
                        ? name(Integer.toUnsignedLong(jump.k()), facts)
                        : Expr.hex(Integer.toUnsignedLong(jump.k()));
                String condition = jump.op() == Instruction.JumpOp.JSET ? "A & " + operand : "A " + jump.op().symbol + " " + operand;
                yield "if (" + condition + ") goto " + String.format("%04d", pc + 1 + jump.jt())
                        + " else goto " + String.format("%04d", pc + 1 + jump.jf());
            }
        };
    }

    /** A constant compared with A: an architecture, a syscall name, or the number. */
    private static String name(long k, Analyzer.PcFacts facts) {
        if (facts == null || facts.accumulatorWords().size() != 1) {
            return Expr.hex(k);
        }
        int word = facts.accumulatorWords().iterator().next();
        if (word == 4) {
            return Arch.byAudit((int) k).map(arch -> arch == Arch.X32 ? "x86_64" : arch.id()).orElse(Expr.hex(k));
        }
        if (word != 0) {
            return Expr.hex(k);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Arch arch : facts.arches()) {
            Arch abi = arch == Arch.X86_64 && (k & Arch.X32_SYSCALL_BIT) != 0 ? Arch.X32 : arch;
            abi.name((int) k).ifPresent(name -> names.add(facts.arches().size() > 2 ? name + "/" + abi.id() : name));
        }
        if (facts.archOpen() || names.isEmpty()) {
            return Expr.hex(k) + (facts.archOpen() ? " (architecture not checked on this path)" : "");
        }
        return String.join(" | ", names);
    }
}
