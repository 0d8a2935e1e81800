package org.dockaudit.collect;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import org.dockaudit.seccomp.Arch;

/**
 * The system calls the JDK does not make (ptrace, wait4, the audit netlink socket, mount), all
 * through libc's {@code syscall(2)}: its one signature makes one foreign-function stub for them
 * all. The JDK generates a stub for each signature at its first use, 5 to 10 ms of CPU each; the
 * eight signatures of libc's own wrappers cost an audit 40 to 70 ms. Numbers are this machine's,
 * from the syscall tables that the seccomp analysis reads too. A call returns what the kernel
 * returned, or -1 with {@link #errno} set.
 */
public final class SystemCalls {

    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(LINKER.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    private static final Arch MACHINE = Arch.byId(System.getProperty("os.arch")).orElse(null);

    private SystemCalls() {}

    /** Where calls leave their errno; one per thread. */
    public static MemorySegment errnoState(Arena arena) {
        return arena.allocate(STATE);
    }

    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** This machine's number of the system call {@code name}. */
    public static long number(String name) {
        if (MACHINE == null) {
            throw new UnsupportedOperationException("no system call table for " + System.getProperty("os.arch"));
        }
        return MACHINE.number(name).orElseThrow(() -> new IllegalStateException("no system call " + name + " on " + MACHINE.id()));
    }

    /** Makes the call with up to six arguments (pointers as their {@link MemorySegment#address()}), the others 0. */
    public static long call(MemorySegment state, long number, long... arguments) {
        if (arguments.length > 6) {
            throw new IllegalArgumentException("a system call takes at most 6 arguments");
        }
        long[] a = java.util.Arrays.copyOf(arguments, 6);
        try {
            return (long) SYSCALL.invokeExact(state, number, a[0], a[1], a[2], a[3], a[4], a[5]);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // A downcall throws nothing of its own: this is never reached.
            throw new IllegalStateException(e);
        }
    }
}
