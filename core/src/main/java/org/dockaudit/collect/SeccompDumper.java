package org.dockaudit.collect;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.Emulator;
import org.dockaudit.seccomp.InvalidFilterException;
import org.dockaudit.seccomp.Program;
import org.dockaudit.seccomp.SeccompData;

/**
 * Dumps the seccomp filters stacked on a thread with {@code PTRACE_SECCOMP_GET_FILTER}, through the
 * JDK's foreign function API. The kernel hands filters only to a tracer whose tracee is stopped, so
 * the dump must stop the thread; everything here is about making that stop invisible to it:
 * <ul>
 * <li>{@code PTRACE_SEIZE} and {@code PTRACE_INTERRUPT}, not {@code PTRACE_ATTACH}: no SIGSTOP is
 *     queued, so if this process gives up, is interrupted or is killed before it detaches, the
 *     kernel unlinks the tracee and it simply goes on (an ATTACH left behind a SIGSTOP that stopped
 *     the tracee for good);</li>
 * <li>a signal that arrives while attached is handed back on detach, never swallowed;</li>
 * <li>on x86_64 the registers tell how the interrupted call will resume. One that would resume
 *     through {@code restart_syscall} is first turned into a plain restart of the same call (so that
 *     even a dump that dies here cannot get it killed), and put back only if the filter just read
 *     allows {@code restart_syscall}. A call that our stop made fail with EINTR is made again
 *     instead.</li>
 * </ul>
 * The calls run on one platform thread of their own, since a ptrace tracer is a thread; when that
 * thread ends, the kernel detaches whatever it still traces.
 */
public final class SeccompDumper {

    private static final int PTRACE_POKEUSER = 6;
    private static final int PTRACE_GETREGS = 12;
    private static final int PTRACE_DETACH = 17;
    private static final int PTRACE_SEIZE = 0x4206;
    private static final int PTRACE_INTERRUPT = 0x4207;
    private static final int PTRACE_SECCOMP_GET_FILTER = 0x420c;
    private static final int PTRACE_EVENT_STOP = 128;
    private static final int SIGTRAP = 5;
    private static final int WALL = 0x40000000;
    private static final int WNOHANG = 1;
    private static final long STOP_TIMEOUT_NANOS = 5_000_000_000L;
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int EINTR = 4;
    private static final int EIO = 5;
    private static final int EACCES = 13;
    private static final int EINVAL = 22;
    private static final int ERESTARTSYS = 512;
    private static final int ERESTARTNOINTR = 513;
    private static final int ERESTARTNOHAND = 514;
    private static final int ERESTART_RESTARTBLOCK = 516;

    /** x86_64 {@code struct user_regs_struct}: word indexes of the registers read here. */
    private static final int REGS_WORDS = 27;
    private static final int RBP = 4, RBX = 5, R10 = 7, R9 = 8, R8 = 9, RAX = 10, RCX = 11, RDX = 12, RSI = 13,
            RDI = 14, ORIG_RAX = 15, RIP = 16, CS = 17;
    private static final long CS_IA32 = 0x23;
    private static final int X86_64_RESTART_SYSCALL = 219;
    private static final int I386_RESTART_SYSCALL = 0;

    /** Whether this machine's registers are understood here: the EINTR and restart repairs need them. */
    public static final boolean READS_REGISTERS = System.getProperty("os.arch").equals("amd64");

    private static final long PTRACE = SystemCalls.number("ptrace");
    private static final long WAIT4 = SystemCalls.number("wait4");

    /** Filters decoded for the restart checks, by their bytes (a buffer's equality is its content's). */
    private static final Map<ByteBuffer, Program> DECODED = new ConcurrentHashMap<>();
    private static final int DECODED_LIMIT = 64;

    /** Why a dump could not be made; the message is one line for the user. */
    public static final class DumpException extends Exception {
        public DumpException(String message) {
            super(message);
        }
    }

    /**
     * The raw filters, oldest first, each as {@code struct sock_filter} bytes, and what the dump had
     * to repair in the thread's interrupted call, for the report.
     */
    public record Dump(List<byte[]> filters, List<String> repairs) {}

    private SeccompDumper() {}

    /**
     * Stops {@code pid} for the read; the caller has proven the stop harmless ({@link StopSafety}).
     *
     * @param blockedIn the call the thread was seen blocked in before the stop, or -1: an EINTR is
     *                  taken for one this stop caused only when it comes from that call
     */
    public static Dump dump(int pid, long blockedIn) throws DumpException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread tracer = Thread.ofPlatform().name("seccomp-dump-" + pid).start(() -> {
            try (Arena arena = Arena.ofConfined()) {
                outcome.set(new Session(pid, blockedIn, arena).run());
            } catch (DumpException e) {
                outcome.set(e);
            } catch (Throwable e) {
                outcome.set(new DumpException("pid " + pid + ": " + e));
            }
        });
        try {
            tracer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DumpException("pid " + pid + ": interrupted");
        }
        if (outcome.get() instanceof DumpException failure) {
            throw failure;
        }
        return (Dump) outcome.get();
    }

    /** One attach-read-detach, on the tracer thread. */
    private static final class Session {
        private final int pid;
        private final long blockedIn;
        private final Arena arena;
        private final MemorySegment state;
        private final List<String> repairs = new ArrayList<>();
        private int signalToDeliver;

        Session(int pid, long blockedIn, Arena arena) {
            this.pid = pid;
            this.blockedIn = blockedIn;
            this.arena = arena;
            this.state = SystemCalls.errnoState(arena);
        }

        Dump run() throws DumpException, InterruptedException {
            if (ptrace(PTRACE_SEIZE, 0, 0) < 0) {
                throw new DumpException(attachError(pid, errno()));
            }
            boolean stopped = false;
            try {
                if (ptrace(PTRACE_INTERRUPT, 0, 0) < 0) {
                    throw new DumpException("pid " + pid + ": PTRACE_INTERRUPT failed (errno " + errno() + ")");
                }
                awaitStop();
                stopped = true;
                long[] registers = READS_REGISTERS ? registers() : null;
                if (registers != null) {
                    protectInterruptedCall(registers);
                }
                List<byte[]> filters = readFilters();
                if (registers != null) {
                    settleInterruptedCall(registers, filters);
                }
                return new Dump(filters, List.copyOf(repairs));
            } finally {
                // Detaching needs a stopped tracee. One that never stopped is let go by the kernel when
                // this thread ends: PTRACE_SEIZE queued no signal that could stop it later.
                if (stopped) {
                    ptrace(PTRACE_DETACH, 0, signalToDeliver);
                }
            }
        }

        private void awaitStop() throws DumpException, InterruptedException {
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            // Polled with a deadline: a frozen (paused) thread never stops, and another waiter in this
            // process could take the notification.
            long deadline = System.nanoTime() + STOP_TIMEOUT_NANOS;
            while (true) {
                int waited = (int) SystemCalls.call(state, WAIT4, pid, status.address(), WALL | WNOHANG);
                if (waited < 0) {
                    throw new DumpException("pid " + pid + ": waitpid failed (errno " + errno() + ")");
                }
                if (waited == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new DumpException("pid " + pid + ": did not stop for tracing within 5 s; let go untouched");
                    }
                    Thread.sleep(1);
                    continue;
                }
                int code = status.get(ValueLayout.JAVA_INT, 0);
                if ((code & 0xff) != 0x7f) {
                    throw new DumpException("pid " + pid + ": the process went away");
                }
                int signal = (code >> 8) & 0xff;
                int event = code >>> 16;
                if (event == 0) {
                    // A signal arrived first: its delivery stop will do, and the signal goes back on detach.
                    signalToDeliver = signal;
                } else if (event == PTRACE_EVENT_STOP && signal != SIGTRAP) {
                    // A group stop someone else asked for: it stays in force after detach.
                    repairs.add("pid " + pid + " was being stopped by signal " + signal + " at the same time; left stopped");
                }
                return;
            }
        }

        private long[] registers() {
            MemorySegment buffer = arena.allocate(REGS_WORDS * 8L);
            if (ptrace(PTRACE_GETREGS, 0, buffer.address()) < 0) {
                return null;
            }
            return buffer.toArray(ValueLayout.JAVA_LONG);
        }

        /** Before anything can go wrong: no resume through restart_syscall, no EINTR that we caused. */
        private void protectInterruptedCall(long[] regs) throws DumpException {
            if (regs[ORIG_RAX] < 0) {
                return;
            }
            long result = regs[RAX];
            if (result == -ERESTART_RESTARTBLOCK || causedEintr(regs)) {
                setResult(-ERESTARTNOHAND);
            }
        }

        /**
         * Now that the filters are known: a call that was to resume through restart_syscall does so
         * again if they allow it (the kernel then waits exactly what remained); otherwise it is made
         * again from the start, which keeps it alive. A call our stop made fail is made again.
         */
        private void settleInterruptedCall(long[] regs, List<byte[]> raw) throws DumpException {
            if (regs[ORIG_RAX] < 0) {
                return;
            }
            long result = regs[RAX];
            String call = "pid " + pid + "'s interrupted system call " + regs[ORIG_RAX];
            if (result == -ERESTART_RESTARTBLOCK) {
                boolean ia32 = regs[CS] == CS_IA32;
                int restart = ia32 ? I386_RESTART_SYSCALL : X86_64_RESTART_SYSCALL | (int) (regs[ORIG_RAX] & Arch.X32_SYSCALL_BIT);
                if (allows(raw, regs, restart)) {
                    setResult(-ERESTART_RESTARTBLOCK);
                } else {
                    repairs.add(call + " was to resume through restart_syscall, which its filter denies (a stop of any"
                            + " kind would have killed it or failed the call): it was made again from the start instead");
                }
            } else if (causedEintr(regs)) {
                repairs.add(call + " was interrupted by the stop: it was made again instead of failing with EINTR");
            } else if ((result == -ERESTARTSYS || result == -ERESTARTNOINTR || result == -ERESTARTNOHAND)
                    && !allows(raw, regs, (int) regs[ORIG_RAX])) {
                // Its filter changed while it slept (another thread's TSYNC): made again, it would be denied.
                setResult(-EINTR);
                repairs.add(call + " would be denied if made again (its filter changed while it slept): it fails with EINTR");
            }
        }

        private boolean causedEintr(long[] regs) {
            return regs[RAX] == -EINTR && regs[ORIG_RAX] == blockedIn;
        }

        private boolean allows(List<byte[]> raw, long[] regs, int nr) {
            boolean ia32 = regs[CS] == CS_IA32;
            long[] args = ia32
                    ? new long[] {regs[RBX], regs[RCX], regs[RDX], regs[RSI], regs[RDI], regs[RBP]}
                    : new long[] {regs[RDI], regs[RSI], regs[RDX], regs[R10], regs[R8], regs[R9]};
            if (ia32) {
                for (int i = 0; i < args.length; i++) {
                    args[i] &= 0xffffffffL;
                }
            }
            List<Program> programs = new ArrayList<>();
            try {
                for (byte[] filter : raw) {
                    programs.add(decoded(filter));
                }
            } catch (InvalidFilterException e) {
                return false;
            }
            if (programs.isEmpty()) {
                return true;
            }
            SeccompData data = new SeccompData(nr, (ia32 ? Arch.I386 : Arch.X86_64).audit(), regs[RIP], args);
            return Emulator.runAll(programs, data).allows();
        }

        /**
         * The filter decoded, from those already seen when it is one of them: the containers of a
         * host share a handful of filters, and the thread stays stopped while its own is decoded.
         */
        private static Program decoded(byte[] filter) throws InvalidFilterException {
            Program program = DECODED.get(ByteBuffer.wrap(filter));
            if (program == null) {
                program = Program.decode(filter);
                if (DECODED.size() < DECODED_LIMIT) {
                    // A copy: the dump hands the filter's bytes to its caller.
                    DECODED.putIfAbsent(ByteBuffer.wrap(filter.clone()), program);
                }
            }
            return program;
        }

        private void setResult(long value) throws DumpException {
            if (ptrace(PTRACE_POKEUSER, RAX * 8L, value) < 0) {
                throw new DumpException("pid " + pid + ": cannot set the result of its interrupted call (errno " + errno() + ")");
            }
        }

        private List<byte[]> readFilters() throws DumpException {
            List<byte[]> filters = new ArrayList<>();
            for (long index = 0; ; index++) {
                long count = ptrace(PTRACE_SECCOMP_GET_FILTER, index, 0);
                if (count < 0) {
                    int errno = errno();
                    if (errno == ENOENT && index > 0) {
                        return filters;
                    }
                    throw new DumpException(filterError(pid, errno));
                }
                MemorySegment buffer = arena.allocate(count * 8);
                long read = ptrace(PTRACE_SECCOMP_GET_FILTER, index, buffer.address());
                if (read != count) {
                    throw new DumpException("pid " + pid + ": filter " + index + " changed while read");
                }
                filters.add(buffer.toArray(ValueLayout.JAVA_BYTE));
            }
        }

        private long ptrace(int request, long addr, long data) {
            return SystemCalls.call(state, PTRACE, request, pid, addr, data);
        }

        private int errno() {
            return SystemCalls.errno(state);
        }
    }

    private static String attachError(int pid, int errno) {
        return switch (errno) {
            case ESRCH -> "pid " + pid + ": no such process";
            case EPERM -> "pid " + pid + ": not permitted to trace it (needs root with CAP_SYS_PTRACE, Yama's ptrace_scope"
                    + " must allow it, and it must not be traced already)";
            default -> "pid " + pid + ": PTRACE_SEIZE failed (errno " + errno + ")";
        };
    }

    private static String filterError(int pid, int errno) {
        return switch (errno) {
            case ENOENT, EINVAL -> "pid " + pid + ": the process has no seccomp filter";
            case EACCES -> "pid " + pid + ": reading filters needs CAP_SYS_ADMIN and a reader not under seccomp itself";
            case EIO -> "pid " + pid + ": this kernel cannot export filters (CONFIG_CHECKPOINT_RESTORE is off)";
            case ESRCH -> "pid " + pid + ": the process went away";
            default -> "pid " + pid + ": PTRACE_SECCOMP_GET_FILTER failed (errno " + errno + ")";
        };
    }
}
