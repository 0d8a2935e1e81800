package org.dockaudit.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A seccomp filter as the kernel would accept it: decoded and validated with the kernel's own
 * rules ({@code bpf_check_classic} then {@code seccomp_check_filter}), or refused with the reason.
 */
public record Program(List<Instruction> instructions) {

    public static final int MAX_INSTRUCTIONS = 4096;
    public static final int SECCOMP_DATA_SIZE = 64;
    public static final int MEMORY_WORDS = 16;

    public Program {
        instructions = List.copyOf(instructions);
    }

    public int size() {
        return instructions.size();
    }

    public Instruction get(int pc) {
        return instructions.get(pc);
    }

    /** Reads {@code struct sock_filter} entries: 8 bytes each, little-endian, as dumps and libseccomp write them. */
    public static Program decode(byte[] bytes) throws InvalidFilterException {
        if (bytes.length == 0) {
            throw new InvalidFilterException("empty filter");
        }
        if (bytes.length % 8 != 0) {
            throw new InvalidFilterException("truncated filter: " + bytes.length + " bytes is not a whole number of 8-byte instructions");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Instruction.Raw> raws = new ArrayList<>();
        while (buffer.hasRemaining()) {
            raws.add(new Instruction.Raw(buffer.getShort() & 0xffff, buffer.get() & 0xff, buffer.get() & 0xff, buffer.getInt()));
        }
        return validate(raws);
    }

    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(instructions.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (Instruction instruction : instructions) {
            Instruction.Raw raw = instruction.raw();
            buffer.putShort((short) raw.code()).put((byte) raw.jt()).put((byte) raw.jf()).putInt(raw.k());
        }
        return buffer.array();
    }

    /** The kernel's checks, in its order; the first failure is reported with its instruction. */
    public static Program validate(List<Instruction.Raw> raws) throws InvalidFilterException {
        int length = raws.size();
        if (length == 0 || length > MAX_INSTRUCTIONS) {
            throw new InvalidFilterException("a filter has 1 to " + MAX_INSTRUCTIONS + " instructions, not " + length);
        }
        List<Instruction> decoded = new ArrayList<>();
        for (int pc = 0; pc < length; pc++) {
            decoded.add(decode(raws.get(pc), pc, length));
        }
        if (!(decoded.getLast() instanceof Instruction.Return)) {
            throw new InvalidFilterException("instruction " + (length - 1) + ": the last instruction must be a return");
        }
        checkMemoryInitialized(decoded);
        return new Program(decoded);
    }

    private static Instruction decode(Instruction.Raw raw, int pc, int length) throws InvalidFilterException {
        int code = raw.code();
        int k = raw.k();
        switch (code) {
            case 0x20: // LD W ABS
                if (Integer.compareUnsigned(k, SECCOMP_DATA_SIZE) >= 0 || (k & 3) != 0) {
                    throw new InvalidFilterException(at(pc, code) + "load at offset " + Integer.toUnsignedString(k)
                            + ": seccomp loads aligned 32-bit words below " + SECCOMP_DATA_SIZE);
                }
                return new Instruction.LoadWord(raw, k);
            case 0x80: // LD W LEN
                return new Instruction.LoadImmediate(raw, false, SECCOMP_DATA_SIZE);
            case 0x81: // LDX W LEN
                return new Instruction.LoadImmediate(raw, true, SECCOMP_DATA_SIZE);
            case 0x00: // LD IMM
                return new Instruction.LoadImmediate(raw, false, k);
            case 0x01: // LDX IMM
                return new Instruction.LoadImmediate(raw, true, k);
            case 0x60, 0x61: // LD MEM, LDX MEM
                return new Instruction.LoadMemory(raw, code == 0x61, slot(k, pc, code));
            case 0x02, 0x03: // ST, STX
                return new Instruction.Store(raw, code == 0x03, slot(k, pc, code));
            case 0x06: // RET K
                return new Instruction.Return(raw, false, k);
            case 0x16: // RET A
                return new Instruction.Return(raw, true, k);
            case 0x07: // MISC TAX
                return new Instruction.Transfer(raw, true);
            case 0x87: // MISC TXA
                return new Instruction.Transfer(raw, false);
            case 0x05: // JA
                if (Integer.toUnsignedLong(k) >= length - pc - 1L) {
                    throw new InvalidFilterException(at(pc, code) + "jump of " + Integer.toUnsignedString(k) + " leaves the filter");
                }
                return new Instruction.JumpAlways(raw, k);
            default:
                break;
        }
        int instructionClass = code & 0x07;
        boolean useX = (code & 0x08) != 0;
        if (instructionClass == 0x04) {
            Instruction.AluOp op = switch (code & 0xf0) {
                case 0x00 -> Instruction.AluOp.ADD;
                case 0x10 -> Instruction.AluOp.SUB;
                case 0x20 -> Instruction.AluOp.MUL;
                case 0x30 -> Instruction.AluOp.DIV;
                case 0x40 -> Instruction.AluOp.OR;
                case 0x50 -> Instruction.AluOp.AND;
                case 0x60 -> Instruction.AluOp.LSH;
                case 0x70 -> Instruction.AluOp.RSH;
                case 0x80 -> Instruction.AluOp.NEG;
                case 0xa0 -> Instruction.AluOp.XOR;
                default -> throw new InvalidFilterException(at(pc, code) + "ALU operation not allowed in seccomp (MOD is refused)");
            };
            if ((code & ~0xf8) != 0x04 || (op == Instruction.AluOp.NEG && useX)) {
                throw new InvalidFilterException(at(pc, code) + "malformed ALU instruction");
            }
            if (!useX && op == Instruction.AluOp.DIV && k == 0) {
                throw new InvalidFilterException(at(pc, code) + "division by constant zero");
            }
            if (!useX && (op == Instruction.AluOp.LSH || op == Instruction.AluOp.RSH) && Integer.compareUnsigned(k, 32) >= 0) {
                throw new InvalidFilterException(at(pc, code) + "shift by " + Integer.toUnsignedString(k) + " (at least 32)");
            }
            return new Instruction.Alu(raw, op, useX, k);
        }
        if (instructionClass == 0x05 && (code & ~0xf8) == 0x05) {
            Instruction.JumpOp op = switch (code & 0xf0) {
                case 0x10 -> Instruction.JumpOp.JEQ;
                case 0x20 -> Instruction.JumpOp.JGT;
                case 0x30 -> Instruction.JumpOp.JGE;
                case 0x40 -> Instruction.JumpOp.JSET;
                default -> throw new InvalidFilterException(at(pc, code) + "jump operation not allowed");
            };
            if (pc + raw.jt() + 1 >= length || pc + raw.jf() + 1 >= length) {
                throw new InvalidFilterException(at(pc, code) + "conditional jump leaves the filter");
            }
            return new Instruction.Jump(raw, op, useX, k, raw.jt(), raw.jf());
        }
        throw new InvalidFilterException(at(pc, code) + "not in the seccomp subset of BPF (only 32-bit absolute loads of seccomp_data, "
                + "immediates, scratch memory, ALU without MOD, jumps and returns)");
    }

    /** Where a refused instruction is, for its message: made for a refusal only, not for every instruction decoded. */
    private static String at(int pc, int code) {
        return "instruction " + pc + " (code 0x" + Integer.toHexString(code) + "): ";
    }

    private static int slot(int k, int pc, int code) throws InvalidFilterException {
        if (Integer.compareUnsigned(k, MEMORY_WORDS) >= 0) {
            throw new InvalidFilterException(at(pc, code) + "scratch memory slot " + Integer.toUnsignedString(k) + " (0 to 15)");
        }
        return k;
    }

    /** The kernel refuses a load of M[k] that some path reaches before any store to it. */
    private static void checkMemoryInitialized(List<Instruction> program) throws InvalidFilterException {
        int[] stored = new int[program.size()];
        java.util.Arrays.fill(stored, -1);
        stored[0] = 0;
        for (int pc = 0; pc < program.size(); pc++) {
            int valid = stored[pc];
            if (valid == -1) {
                continue; // unreachable
            }
            Instruction instruction = program.get(pc);
            if (instruction instanceof Instruction.LoadMemory load && (valid & (1 << load.slot())) == 0) {
                throw new InvalidFilterException("instruction " + pc + ": M[" + load.slot() + "] read before any store on some path");
            }
            if (instruction instanceof Instruction.Store store) {
                valid |= 1 << store.slot();
            }
            switch (instruction) {
                case Instruction.Return ignored -> { }
                case Instruction.JumpAlways jump -> merge(stored, pc + 1 + jump.offset(), valid);
                case Instruction.Jump jump -> {
                    merge(stored, pc + 1 + jump.jt(), valid);
                    merge(stored, pc + 1 + jump.jf(), valid);
                }
                default -> merge(stored, pc + 1, valid);
            }
        }
    }

    private static void merge(int[] stored, int target, int valid) {
        stored[target] = stored[target] == -1 ? valid : stored[target] & valid;
    }
}
