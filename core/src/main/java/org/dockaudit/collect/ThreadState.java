package org.dockaudit.collect;

import java.util.Arrays;

/**
 * What a thread is doing, as {@code /proc/<pid>/stat} and {@code /proc/<pid>/syscall} show it:
 * enough to tell whether a ptrace stop would change what it experiences.
 *
 * @param state     the state letter of {@code stat} (R, S, D, T, t, Z, ...)
 * @param tracerPid {@code TracerPid} of {@code status}; 0 when nobody traces it
 * @param syscall   the call it is blocked in, or {@link #RUNNING} / {@link #NOT_IN_SYSCALL}
 * @param args      the six raw arguments of that call
 * @param compat    whether the process is a 32-bit program (its numbers are i386's on x86_64)
 * @param seccompMode {@code Seccomp} of {@code status}: 0 none, 1 strict, 2 filters
 */
public record ThreadState(char state, int tracerPid, int seccompMode, long syscall, long[] args, boolean compat) {

    /** {@code /proc/<pid>/syscall} says "running": on a CPU or runnable, not blocked. */
    public static final long RUNNING = -2;
    /** Blocked, but not in a system call (a page fault, for instance). */
    public static final long NOT_IN_SYSCALL = -1;

    public ThreadState {
        args = args.clone();
    }

    @Override
    public long[] args() {
        return args.clone();
    }

    long arg(int index) {
        return args[index];
    }

    /** Parses the one line of {@code /proc/<pid>/syscall}: "running", "-1 sp pc" or "nr a0..a5 sp pc". */
    static ThreadState parse(char state, int tracerPid, int seccompMode, String syscallLine, boolean compat) {
        String line = syscallLine.strip();
        if (line.equals("running")) {
            return new ThreadState(state, tracerPid, seccompMode, RUNNING, new long[6], compat);
        }
        String[] fields = ProcFs.WHITESPACE.split(line);
        long nr = Long.parseLong(fields[0]);
        if (nr < 0) {
            return new ThreadState(state, tracerPid, seccompMode, NOT_IN_SYSCALL, new long[6], compat);
        }
        if (fields.length < 7) {
            throw new IllegalArgumentException("expected a number and six arguments: " + line);
        }
        long[] args = new long[6];
        for (int i = 0; i < 6; i++) {
            String hex = fields[i + 1];
            args[i] = Long.parseUnsignedLong(hex.startsWith("0x") ? hex.substring(2) : hex, 16);
        }
        return new ThreadState(state, tracerPid, seccompMode, nr, args, compat);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ThreadState that && state == that.state && tracerPid == that.tracerPid && seccompMode == that.seccompMode
                && syscall == that.syscall && compat == that.compat && Arrays.equals(args, that.args);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(syscall) * 31 + Arrays.hashCode(args);
    }
}
