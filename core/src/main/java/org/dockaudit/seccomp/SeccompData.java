package org.dockaudit.seccomp;

import java.util.Arrays;

/**
 * {@code struct seccomp_data}: nr at 0, arch at 4, instruction pointer at 8, args[i] at 16 + 8i,
 * each 64-bit value stored low word first.
 */
public record SeccompData(int nr, int arch, long instructionPointer, long[] args) {

    public SeccompData {
        args = Arrays.copyOf(args, 6);
    }

    /** The 32-bit word at {@code offset}, as {@code BPF_LD|BPF_W|BPF_ABS} reads it. */
    public long word(int offset) {
        return switch (offset) {
            case 0 -> Integer.toUnsignedLong(nr);
            case 4 -> Integer.toUnsignedLong(arch);
            case 8 -> instructionPointer & 0xffffffffL;
            case 12 -> instructionPointer >>> 32;
            default -> {
                long arg = args[(offset - 16) / 8];
                yield ((offset - 16) % 8 == 0) ? arg & 0xffffffffL : arg >>> 32;
            }
        };
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{nr=" + Integer.toUnsignedString(nr) + ", arch=0x" + Integer.toHexString(arch)
                + ", ip=0x" + Long.toHexString(instructionPointer));
        for (int i = 0; i < 6; i++) {
            text.append(", args[").append(i).append("]=0x").append(Long.toHexString(args[i]));
        }
        return text.append('}').toString();
    }
}
