package org.dockaudit.collect;

import java.util.Optional;
import java.util.Set;
import org.dockaudit.seccomp.Arch;

/**
 * Whether a ptrace stop of a thread is invisible to it, decided before stopping it. A stop wakes a
 * thread from an interruptible sleep; what happens when it resumes depends on the call it was in
 * (the kernel's restart codes):
 * <ul>
 * <li>{@code -ERESTARTSYS}, {@code -ERESTARTNOHAND}, {@code -ERESTARTNOINTR}: the same call is made
 *     again with the same arguments, through the same filter that let it in. Invisible.</li>
 * <li>{@code -ERESTART_RESTARTBLOCK} (relative sleeps, futex and poll waits with a timeout): the
 *     thread resumes through {@code restart_syscall}, which its filter may deny: a kill or an error
 *     that the program never asked for. Invisible only if that call is known to be allowed.</li>
 * <li>{@code -EINTR} (epoll waits, semop, sigtimedwait, ...): the call fails. The dump turns this
 *     back into a restart of the same call after the stop ({@link SeccompDumper}), which is
 *     invisible only when the call waits without a timeout.</li>
 * </ul>
 * A call this class does not know is not proven harmless: the process is left alone.
 */
public final class StopSafety {

    /** The verdict, with the words the report shows. */
    public sealed interface Verdict {
        String reason();
    }

    public record Harmless(String reason) implements Verdict {}

    public record Harmful(String reason) implements Verdict {}

    /** What the container's own configuration says of {@code restart_syscall}, when it says anything. */
    public enum RestartSyscall { ALLOWED, DENIED, UNKNOWN }

    private static final Set<String> SAME_CALL_AGAIN = Set.of(
            "read", "readv", "pread64", "preadv", "preadv2", "write", "writev", "pwrite64", "pwritev", "pwritev2",
            "wait4", "waitid", "waitpid", "pause", "rt_sigsuspend", "sigsuspend",
            // select and ppoll write the time left back before restarting: the restart waits what remained.
            "select", "_newselect", "pselect6", "pselect6_time64", "ppoll", "ppoll_time64",
            "msgrcv", "msgsnd", "accept", "accept4", "recvfrom", "recvmsg", "recvmmsg", "recv", "sendto", "sendmsg",
            "send", "connect", "flock", "fcntl", "fcntl64", "open", "openat", "openat2",
            // Resumed as it was already resumed once: its filter let it in.
            "restart_syscall");

    private static final int FUTEX_CMD_MASK = ~(128 | 256);
    private static final Set<Integer> FUTEX_TIMED_WAITS = Set.of(0, 9); // FUTEX_WAIT, FUTEX_WAIT_BITSET
    private static final Set<Integer> FUTEX_NOINTR_WAITS = Set.of(6, 11, 13); // LOCK_PI, WAIT_REQUEUE_PI, LOCK_PI2
    private static final int TIMER_ABSTIME = 1;

    private StopSafety() {}

    /**
     * @param nativeArch   the host's architecture
     * @param fixesEintr   whether the dump can turn an interrupted call back into a restart (it
     *                     reads registers: x86_64 only)
     * @param restart      what the configuration proves of {@code restart_syscall}
     */
    public static Verdict decide(int pid, ThreadState thread, Arch nativeArch, boolean fixesEintr, RestartSyscall restart) {
        switch (thread.state()) {
            case 'T', 't' -> {
                return new Harmful("pid " + pid + " is stopped" + (thread.tracerPid() != 0
                        ? " and traced by pid " + thread.tracerPid() + " (a debugger or another tracer)" : "")
                        + ": left as it is");
            }
            case 'Z', 'X' -> {
                return new Harmful("pid " + pid + " is exiting: nothing to read");
            }
            default -> { }
        }
        if (thread.tracerPid() != 0) {
            return new Harmful("pid " + pid + " is traced by pid " + thread.tracerPid()
                    + " (a debugger or another tracer): a process has only one tracer");
        }
        if (thread.syscall() == ThreadState.RUNNING) {
            return new Harmless("running: it stops between two instructions, or once its current call has returned");
        }
        if (thread.syscall() == ThreadState.NOT_IN_SYSCALL) {
            return new Harmless("blocked outside any system call: it stops once that ends");
        }
        Arch abi = thread.compat() && nativeArch == Arch.X86_64 ? Arch.I386 : nativeArch;
        Optional<String> name = abi.name((int) thread.syscall());
        if (name.isEmpty()) {
            return new Harmful("pid " + pid + " is blocked in system call " + thread.syscall() + " (" + abi.id()
                    + "), unknown to dockaudit: not stopped, since how it would resume is not known");
        }
        String call = name.get();
        String where = "pid " + pid + " is asleep in " + call;
        Resumes resumes = resumes(call, thread);
        return switch (resumes) {
            case SAME_CALL -> new Harmless(call + " is made again, unchanged, after the stop");
            case EINTR_WITHOUT_TIMEOUT -> fixesEintr
                    ? new Harmless(call + " would fail with EINTR; the dump makes it again instead, and it has no timeout")
                    : new Harmful(where + ", which a stop makes fail with EINTR");
            case EINTR_WITH_TIMEOUT -> new Harmful(where + " with a timeout: a stop would make it fail with EINTR,"
                    + " or wait longer than asked if made again");
            case RESTART_SYSCALL -> switch (restart) {
                case ALLOWED -> new Harmless(call + " resumes through restart_syscall, which its seccomp profile allows");
                case DENIED -> new Harmful(where + ": a stop resumes it through restart_syscall, which its seccomp profile"
                        + " denies; any stop (ptrace, SIGSTOP, a debugger) would kill it or make the call fail");
                case UNKNOWN -> new Harmful(where + ": a stop resumes it through restart_syscall, and whether its filter"
                        + " allows that call cannot be known before reading the filter");
            };
            case UNKNOWN -> new Harmful(where + ", and how " + call + " resumes after a stop is not known to dockaudit");
        };
    }

    enum Resumes { SAME_CALL, RESTART_SYSCALL, EINTR_WITHOUT_TIMEOUT, EINTR_WITH_TIMEOUT, UNKNOWN }

    static Resumes resumes(String call, ThreadState thread) {
        if (SAME_CALL_AGAIN.contains(call)) {
            return Resumes.SAME_CALL;
        }
        return switch (call) {
            case "nanosleep" -> Resumes.RESTART_SYSCALL;
            case "clock_nanosleep", "clock_nanosleep_time64" ->
                    (thread.arg(1) & TIMER_ABSTIME) != 0 ? Resumes.SAME_CALL : Resumes.RESTART_SYSCALL;
            case "futex", "futex_time64" -> futex(thread);
            case "poll" -> (int) thread.arg(2) < 0 ? Resumes.SAME_CALL : Resumes.RESTART_SYSCALL;
            case "epoll_wait", "epoll_pwait" ->
                    (int) thread.arg(3) == -1 ? Resumes.EINTR_WITHOUT_TIMEOUT : Resumes.EINTR_WITH_TIMEOUT;
            case "epoll_pwait2" -> thread.arg(3) == 0 ? Resumes.EINTR_WITHOUT_TIMEOUT : Resumes.EINTR_WITH_TIMEOUT;
            case "rt_sigtimedwait", "rt_sigtimedwait_time64" ->
                    thread.arg(2) == 0 ? Resumes.EINTR_WITHOUT_TIMEOUT : Resumes.EINTR_WITH_TIMEOUT;
            case "io_getevents" -> thread.arg(4) == 0 ? Resumes.EINTR_WITHOUT_TIMEOUT : Resumes.EINTR_WITH_TIMEOUT;
            case "semop" -> Resumes.EINTR_WITHOUT_TIMEOUT;
            case "semtimedop", "semtimedop_time64" ->
                    thread.arg(3) == 0 ? Resumes.EINTR_WITHOUT_TIMEOUT : Resumes.EINTR_WITH_TIMEOUT;
            default -> Resumes.UNKNOWN;
        };
    }

    private static Resumes futex(ThreadState thread) {
        int command = (int) thread.arg(1) & FUTEX_CMD_MASK;
        if (FUTEX_TIMED_WAITS.contains(command)) {
            return thread.arg(3) == 0 ? Resumes.SAME_CALL : Resumes.RESTART_SYSCALL;
        }
        return FUTEX_NOINTR_WAITS.contains(command) ? Resumes.SAME_CALL : Resumes.UNKNOWN;
    }
}
