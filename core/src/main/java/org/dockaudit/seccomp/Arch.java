package org.dockaudit.seccomp;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Architectures as {@code seccomp_data.arch} names them (AUDIT_ARCH_*), with their syscall tables.
 * x32 has no audit value of its own: it is x86_64 with bit 30 set in the syscall number.
 */
public enum Arch {
    X86_64("x86_64", 0xC000003E, "SCMP_ARCH_X86_64"),
    X32("x32", 0xC000003E, "SCMP_ARCH_X32"),
    I386("i386", 0x40000003, "SCMP_ARCH_X86"),
    AARCH64("aarch64", 0xC00000B7, "SCMP_ARCH_AARCH64"),
    ARM("arm", 0x40000028, "SCMP_ARCH_ARM"),
    RISCV64("riscv64", 0xC00000F3, "SCMP_ARCH_RISCV64"),
    PPC64LE("ppc64le", 0xC0000015, "SCMP_ARCH_PPC64LE"),
    S390X("s390x", 0x80000016, "SCMP_ARCH_S390X");

    public static final int X32_SYSCALL_BIT = 0x40000000;

    private final String id;
    private final int audit;
    private final String scmp;
    private volatile Map<Integer, String> names;
    private volatile Map<String, Integer> numbers;

    Arch(String id, int audit, String scmp) {
        this.id = id;
        this.audit = audit;
        this.scmp = scmp;
    }

    public String id() {
        return id;
    }

    public int audit() {
        return audit;
    }

    /** The name libseccomp and Docker profiles give it ({@code SCMP_ARCH_X86} for i386). */
    public String scmp() {
        return scmp;
    }

    public static Optional<Arch> byScmp(String name) {
        for (Arch arch : values()) {
            if (arch.scmp.equals(name)) {
                return Optional.of(arch);
            }
        }
        return Optional.empty();
    }

    public static Optional<Arch> byId(String id) {
        for (Arch arch : values()) {
            if (arch.id.equalsIgnoreCase(id) || (id.equalsIgnoreCase("amd64") && arch == X86_64)
                    || (id.equalsIgnoreCase("x86") && arch == I386) || (id.equalsIgnoreCase("arm64") && arch == AARCH64)) {
                return Optional.of(arch);
            }
        }
        return Optional.empty();
    }

    /** The architecture of an audit value; x86_64 for 0xC000003E (x32 is told by the number). */
    public static Optional<Arch> byAudit(int audit) {
        for (Arch arch : values()) {
            if (arch.audit == audit) {
                return Optional.of(arch);
            }
        }
        return Optional.empty();
    }

    /** Number to name, from the generated table; x32 numbers carry {@link #X32_SYSCALL_BIT}. */
    public Map<Integer, String> syscalls() {
        if (names == null) {
            load();
        }
        return names;
    }

    public Optional<String> name(int number) {
        return Optional.ofNullable(syscalls().get(number));
    }

    public Optional<Integer> number(String name) {
        if (numbers == null) {
            load();
        }
        return Optional.ofNullable(numbers.get(name));
    }

    /** Whether {@code nr} under this architecture's audit value belongs to this ABI. */
    public boolean owns(int number) {
        return switch (this) {
            case X86_64 -> (number & X32_SYSCALL_BIT) == 0;
            case X32 -> (number & X32_SYSCALL_BIT) != 0;
            default -> true;
        };
    }

    /** The numbers {@link #owns} accepts, as unsigned inclusive ranges {from, to}. */
    List<long[]> ownedRanges() {
        long bit = X32_SYSCALL_BIT;
        return switch (this) {
            case X86_64 -> List.of(new long[] {0, bit - 1}, new long[] {2 * bit, 3 * bit - 1});
            case X32 -> List.of(new long[] {bit, 2 * bit - 1}, new long[] {3 * bit, IntervalSet.MAX});
            default -> List.of(new long[] {0, IntervalSet.MAX});
        };
    }

    private synchronized void load() {
        if (names != null) {
            return;
        }
        Map<Integer, String> byNumber = new TreeMap<>();
        Map<String, Integer> byName = new HashMap<>();
        for (String[] fields : DataTables.rows(Arch.class, "syscalls/" + id + ".tsv")) {
            int number = (int) Long.parseLong(fields[0]);
            byNumber.putIfAbsent(number, fields[1]);
            byName.putIfAbsent(fields[1], number);
        }
        numbers = Collections.unmodifiableMap(byName);
        names = Collections.unmodifiableMap(byNumber);
    }
}
