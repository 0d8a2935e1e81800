package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a resolved profile into a filter with the same decisions: an architecture dispatch,
 * runc's ENOSYS stub, a chain of syscall tests each jumping to the rules of its syscall, and the
 * argument comparisons on 64-bit values split in high and low words (low word only on 32-bit
 * ABIs). Conditional jumps stay local; long distances go through JA.
 */
public final class ProfileCompiler {

    /** An instruction whose jump targets are labels, resolved when the program is laid out. */
    private record Op(int code, int k, String jt, String jf, String label) {}

    private final List<Op> ops = new ArrayList<>();
    private final int chunk;
    private int labels;

    private ProfileCompiler(int chunk) {
        this.chunk = chunk;
    }

    /**
     * Syscall tests jump straight to the blocks of their chunk; the chunk is shrunk until every
     * conditional jump fits in its 8-bit offset.
     */
    public static Program compile(Profile.Resolved profile) throws InvalidFilterException {
        InvalidFilterException last = null;
        for (int chunk : new int[] {200, 100, 40, 10}) {
            ProfileCompiler compiler = new ProfileCompiler(chunk);
            compiler.emit(profile);
            try {
                return compiler.assemble();
            } catch (InvalidFilterException e) {
                last = e;
            }
        }
        throw last;
    }

    private void emit(Profile.Resolved profile) {
        Map<Integer, List<Arch>> byAudit = new java.util.LinkedHashMap<>();
        for (Arch abi : profile.abis()) {
            byAudit.computeIfAbsent(abi.audit(), k -> new ArrayList<>()).add(abi);
        }
        load(4);
        Map<Integer, String> blocks = new HashMap<>();
        for (int audit : byAudit.keySet()) {
            String block = label();
            blocks.put(audit, block);
            jump(0x15, audit, null, skip(1));
            ja(block);
        }
        ret(Profile.BAD_ARCH);
        for (Map.Entry<Integer, List<Arch>> entry : byAudit.entrySet()) {
            mark(blocks.get(entry.getKey()));
            load(0);
            List<Arch> abis = entry.getValue();
            if (abis.getFirst() == Arch.X86_64 || abis.getFirst() == Arch.X32) {
                // One audit value, two ABIs: x32 numbers carry bit 30.
                String x32 = label();
                String skippedCall = label();
                if (abis.contains(Arch.X86_64) && !abis.contains(Arch.X32)) {
                    // libseccomp lets nr -1 (a call a tracer skipped) through to the x86_64 rules,
                    // and runc's stub, which tests bit 30 first, lets it pass.
                    jump(0x15, -1, skippedCall, null);
                }
                jump(0x35, Arch.X32_SYSCALL_BIT, null, skip(1));
                ja(x32);
                if (abis.contains(Arch.X86_64)) {
                    syscalls(profile, Arch.X86_64, skippedCall);
                } else {
                    ret(Profile.BAD_ARCH);
                }
                mark(x32);
                if (abis.contains(Arch.X32)) {
                    syscalls(profile, Arch.X32, label());
                } else if (profile.stubAbove().containsKey(Arch.X86_64)) {
                    // runc's x86_64 stub tests bit 30, not ">= 0x40000000": numbers from 0x80000000
                    // with bit 30 clear are above its bound (ENOSYS); the others reach libseccomp,
                    // which kills them as x32 calls the filter does not admit.
                    jump(0x45, Arch.X32_SYSCALL_BIT, null, skip(1));
                    ret(Profile.BAD_ARCH);
                    ret(Profile.ENOSYS);
                } else {
                    ret(Profile.BAD_ARCH);
                }
            } else {
                syscalls(profile, abis.getFirst(), label());
            }
        }
    }

    /** The rules of one ABI, behind runc's stub; {@code afterStub} marks where the rules begin. */
    private void syscalls(Profile.Resolved profile, Arch abi, String afterStub) {
        Integer above = profile.stubAbove().get(abi);
        if (above != null) {
            jump(0x25, above, null, skip(1));
            ret(Profile.ENOSYS);
        }
        mark(afterStub);
        List<Map.Entry<Integer, List<Profile.Rule>>> entries = new ArrayList<>(profile.rules().get(abi).entrySet());
        boolean wide = Profile.is64Bit(abi);
        for (int start = 0; start < entries.size(); start += chunk) {
            List<Map.Entry<Integer, List<Profile.Rule>>> part = entries.subList(start, Math.min(entries.size(), start + chunk));
            // Syscalls with the same rules share one block: most of a profile is one "allow".
            Map<List<Profile.Rule>, String> blocks = new java.util.LinkedHashMap<>();
            for (Map.Entry<Integer, List<Profile.Rule>> entry : part) {
                String block = blocks.computeIfAbsent(entry.getValue(), rules -> label());
                jump(0x15, entry.getKey(), block, null);
            }
            String next = label();
            ja(next);
            for (Map.Entry<List<Profile.Rule>, String> block : blocks.entrySet()) {
                mark(block.getValue());
                for (Profile.Rule rule : block.getKey()) {
                    String failed = label();
                    for (Profile.ArgCompare compare : rule.args()) {
                        compare(compare, wide, failed);
                    }
                    ret(rule.action());
                    mark(failed);
                }
                ret(profile.defaultAction());
            }
            mark(next);
        }
        ret(profile.defaultAction());
    }

    /** Falls through when the comparison holds, jumps to {@code fail} when it does not. */
    private void compare(Profile.ArgCompare compare, boolean wide, String fail) {
        int lo = 16 + 8 * compare.index();
        int hi = lo + 4;
        long value = compare.value();
        int vHi = (int) (value >>> 32);
        int vLo = (int) value;
        String ok = label();
        if (!wide) {
            load(lo);
            switch (compare.op()) {
                case "SCMP_CMP_EQ" -> jump(0x15, vLo, null, fail);
                case "SCMP_CMP_NE" -> jump(0x15, vLo, fail, null);
                case "SCMP_CMP_GT" -> jump(0x25, vLo, null, fail);
                case "SCMP_CMP_GE" -> jump(0x35, vLo, null, fail);
                case "SCMP_CMP_LT" -> jump(0x35, vLo, fail, null);
                case "SCMP_CMP_LE" -> jump(0x25, vLo, fail, null);
                case "SCMP_CMP_MASKED_EQ" -> {
                    alu(0x54, vLo);
                    jump(0x15, (int) (compare.valueTwo() & value), null, fail);
                }
                default -> throw new IllegalArgumentException("unknown operator " + compare.op());
            }
            mark(ok);
            return;
        }
        switch (compare.op()) {
            case "SCMP_CMP_EQ" -> {
                load(hi);
                jump(0x15, vHi, null, fail);
                load(lo);
                jump(0x15, vLo, null, fail);
            }
            case "SCMP_CMP_NE" -> {
                load(hi);
                jump(0x15, vHi, null, ok);
                load(lo);
                jump(0x15, vLo, fail, null);
            }
            case "SCMP_CMP_MASKED_EQ" -> {
                long datum = compare.valueTwo() & value;  // libseccomp masks the datum too
                load(hi);
                alu(0x54, vHi);
                jump(0x15, (int) (datum >>> 32), null, fail);
                load(lo);
                alu(0x54, vLo);
                jump(0x15, (int) datum, null, fail);
            }
            case "SCMP_CMP_GT", "SCMP_CMP_GE" -> {
                load(hi);
                jump(0x25, vHi, ok, null);
                jump(0x15, vHi, null, fail);
                load(lo);
                jump(compare.op().equals("SCMP_CMP_GT") ? 0x25 : 0x35, vLo, null, fail);
            }
            case "SCMP_CMP_LT", "SCMP_CMP_LE" -> {
                load(hi);
                jump(0x25, vHi, fail, null);
                jump(0x15, vHi, null, ok);
                load(lo);
                jump(compare.op().equals("SCMP_CMP_LT") ? 0x35 : 0x25, vLo, fail, null);
            }
            default -> throw new IllegalArgumentException("unknown operator " + compare.op());
        }
        mark(ok);
    }

    private String label() {
        return "L" + labels++;
    }

    /** A label "n instructions after the next", for short hops over a JA. */
    private static String skip(int count) {
        return "+" + count;
    }

    private void load(int offset) {
        ops.add(new Op(0x20, offset, null, null, null));
    }

    private void alu(int code, int k) {
        ops.add(new Op(code, k, null, null, null));
    }

    private void jump(int code, int k, String jt, String jf) {
        ops.add(new Op(code, k, jt, jf, null));
    }

    private void ja(String target) {
        ops.add(new Op(0x05, 0, target, null, null));
    }

    private void ret(Action action) {
        ops.add(new Op(0x06, action.raw(), null, null, null));
    }

    private void mark(String label) {
        ops.add(new Op(-1, 0, null, null, label));
    }

    private Program assemble() throws InvalidFilterException {
        Map<String, Integer> positions = new HashMap<>();
        int pc = 0;
        for (Op op : ops) {
            if (op.label() != null) {
                positions.put(op.label(), pc);
            } else {
                pc++;
            }
        }
        List<Instruction.Raw> raws = new ArrayList<>();
        pc = 0;
        for (Op op : ops) {
            if (op.label() != null) {
                continue;
            }
            if (op.code() == 0x05) {
                raws.add(new Instruction.Raw(0x05, 0, 0, positions.get(op.jt()) - pc - 1));
            } else if ((op.code() & 0x07) == 0x05) {
                raws.add(new Instruction.Raw(op.code(), offset(op.jt(), pc, positions), offset(op.jf(), pc, positions), op.k()));
            } else {
                raws.add(new Instruction.Raw(op.code(), 0, 0, op.k()));
            }
            pc++;
        }
        return Program.validate(raws);
    }

    private static int offset(String target, int pc, Map<String, Integer> positions) throws InvalidFilterException {
        if (target == null) {
            return 0;
        }
        int offset = target.startsWith("+") ? Integer.parseInt(target.substring(1)) : positions.get(target) - pc - 1;
        if (offset < 0 || offset > 255) {
            throw new InvalidFilterException("compiler: a conditional jump of " + offset + " does not fit in 8 bits");
        }
        return offset;
    }
}
