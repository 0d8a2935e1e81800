package org.dockaudit.collect;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Dumps the seccomp filters stacked on a process with {@code PTRACE_SECCOMP_GET_FILTER}, through
 * the JDK's foreign function API: attach, read every filter (index 0 is the oldest), detach. The
 * calls run on one platform thread of their own, since a ptrace tracer is a thread; the detach
 * runs whatever happens, and the kernel detaches anyway if this process dies while attached.
 */
public final class SeccompDumper {

    private static final int PTRACE_ATTACH = 16;
    private static final int PTRACE_DETACH = 17;
    private static final int PTRACE_SECCOMP_GET_FILTER = 0x420c;
    private static final int WALL = 0x40000000;
    private static final int WNOHANG = 1;
    private static final long STOP_TIMEOUT_NANOS = 5_000_000_000L;
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int ESRCH = 3;
    private static final int EIO = 5;
    private static final int EACCES = 13;
    private static final int EINVAL = 22;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    // glibc's ptrace is variadic after the request: (request, ...).
    private static final MethodHandle PTRACE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("ptrace").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    private static final MethodHandle WAITPID = LINKER.downcallHandle(
            LINKER.defaultLookup().find("waitpid").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));

    /** Why a dump could not be made; the message is one line for the user. */
    public static final class DumpException extends Exception {
        public DumpException(String message) {
            super(message);
        }
    }

    private SeccompDumper() {}

    /** The raw filters of {@code pid}, oldest first, each as {@code struct sock_filter} bytes. */
    public static List<byte[]> dump(int pid) throws DumpException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread tracer = Thread.ofPlatform().name("seccomp-dump-" + pid).start(() -> {
            try {
                outcome.set(dumpOnThisThread(pid));
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
        @SuppressWarnings("unchecked")
        List<byte[]> filters = (List<byte[]>) outcome.get();
        return filters;
    }

    private static List<byte[]> dumpOnThisThread(int pid) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long attached = (long) PTRACE.invokeExact(state, PTRACE_ATTACH, pid, MemorySegment.NULL, MemorySegment.NULL);
            if (attached < 0) {
                throw new DumpException(attachError(pid, errno(state)));
            }
            try {
                MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
                // Polled with a deadline: if another waiter in this process (the JDK reaps its own
                // children) took the stop notification, the dump gives up instead of hanging.
                long deadline = System.nanoTime() + STOP_TIMEOUT_NANOS;
                int waited;
                while ((waited = (int) WAITPID.invokeExact(state, pid, status, WALL | WNOHANG)) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new DumpException("pid " + pid + ": did not stop for tracing within 5 s");
                    }
                    Thread.sleep(1);
                }
                if (waited < 0) {
                    throw new DumpException("pid " + pid + ": waitpid failed (errno " + errno(state) + ")");
                }
                List<byte[]> filters = new ArrayList<>();
                for (long index = 0; ; index++) {
                    long count = (long) PTRACE.invokeExact(state, PTRACE_SECCOMP_GET_FILTER, pid,
                            MemorySegment.ofAddress(index), MemorySegment.NULL);
                    if (count < 0) {
                        int errno = errno(state);
                        if (errno == ENOENT && index > 0) {
                            return filters;
                        }
                        throw new DumpException(filterError(pid, errno));
                    }
                    MemorySegment buffer = arena.allocate(count * 8);
                    long read = (long) PTRACE.invokeExact(state, PTRACE_SECCOMP_GET_FILTER, pid, MemorySegment.ofAddress(index), buffer);
                    if (read != count) {
                        throw new DumpException("pid " + pid + ": filter " + index + " changed while read");
                    }
                    filters.add(buffer.toArray(ValueLayout.JAVA_BYTE));
                }
            } finally {
                long ignored = (long) PTRACE.invokeExact(state, PTRACE_DETACH, pid, MemorySegment.NULL, MemorySegment.NULL);
            }
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static String attachError(int pid, int errno) {
        return switch (errno) {
            case ESRCH -> "pid " + pid + ": no such process";
            case EPERM -> "pid " + pid + ": not permitted to trace it (needs root with CAP_SYS_PTRACE, "
                    + "and Yama's ptrace_scope must allow it)";
            default -> "pid " + pid + ": PTRACE_ATTACH failed (errno " + errno + ")";
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
