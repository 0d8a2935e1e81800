package org.dockaudit.trace;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a tracing instance's text output, with the {@code record-tgid} option on:
 * {@code "  runc:[2:INIT]-2345  (   2345) [000] ..... 24066.559040: sched_process_fork: comm=... pid=2345 child_comm=... child_pid=2346"}.
 * Only the five events {@code trace} enables are read; anything else is {@link Kind#OTHER}. The
 * task name ({@link #comm}) is the kernel's cached one: right most of the time, {@code <...>} when lost.
 */
public record TraceLine(int tid, int tgid, Kind kind, int number, int result, String text, int otherTid, String comm) {

    /** The events a trace is made of. */
    public enum Kind { SYSCALL, NAMED_SYSCALL, REFUSED, CAPABILITY, FORK, EXEC, EXIT, MARKER, OTHER }

    private static final Pattern SYSCALL = Pattern.compile("^NR (-?\\d+) \\(");
    private static final Pattern SYSCALL_EXIT = Pattern.compile("^NR (-?\\d+) = (-?\\d+)$");
    private static final Pattern CAPABILITY = Pattern.compile("^cred (\\w+),.*\\bcap (\\d+), ret (-?\\d+)$");
    private static final Pattern FORK = Pattern.compile("^comm=(.*) pid=(\\d+) child_comm=(.*) child_pid=(\\d+)$");
    private static final Pattern EXEC = Pattern.compile("^filename=(.*) pid=(\\d+) old_pid=(\\d+)$");

    /**
     * The line as an event, or empty for headers and lines of events this reader does not know.
     * A fork gives the child in {@link #otherTid} and its name in {@link #text}; an exec gives the
     * file in {@link #text} and the thread that called it in {@link #otherTid} (it differs from
     * the new tid when a thread other than the leader called execve); a raw syscall gives its number,
     * a named one ({@code syscalls:sys_enter_NAME}) its event name in {@link #text},
     * a capability check its number, its result and (in {@link #text}) the credentials it was made
     * under, as the kernel prints their address (hashed, but the same for the same credentials).
     */
    public static Optional<TraceLine> parse(String line) {
        // Read by hand, not with one regular expression: a busy workload gives a million lines a
        // second, and the task name may hold spaces and dashes (the tid is the last "-digits" before
        // the tgid column). The columns: "COMM-TID (TGID) [CPU] FLAGS TIMESTAMP: EVENT: BODY".
        int tgidEnd = line.indexOf(") [");
        int tgidStart = tgidEnd < 0 ? -1 : line.lastIndexOf('(', tgidEnd);
        if (line.startsWith("#") || tgidStart < 0) {
            return Optional.empty();
        }
        String task = line.substring(0, tgidStart).strip();
        int dash = task.lastIndexOf('-');
        int eventStart = line.indexOf(": ", tgidEnd);
        if (dash < 0 || eventStart < 0) {
            return Optional.empty();
        }
        int paren = line.indexOf('(', eventStart);
        int eventEnd = line.indexOf(':', eventStart + 2);
        if (line.startsWith("sys_", eventStart + 2) && paren > 0 && (eventEnd < 0 || paren < eventEnd)) {
            // syscalls:sys_enter_NAME, one event per call of the native ABI, prints "sys_NAME(args)".
            return parseTask(task, dash, line, tgidStart, tgidEnd)
                    .map(ids -> new TraceLine(ids[0], ids[1], Kind.NAMED_SYSCALL, 0, 0,
                            "sys_enter_" + line.substring(eventStart + 6, paren), 0, task.substring(0, dash)));
        }
        if (eventEnd < 0) {
            return Optional.empty();
        }
        int[] ids = parseTask(task, dash, line, tgidStart, tgidEnd).orElse(null);
        if (ids == null) {
            return Optional.empty();
        }
        int tid = ids[0];
        int tgid = ids[1];
        String comm = task.substring(0, dash);
        String body = line.substring(Math.min(eventEnd + 2, line.length()));
        return Optional.ofNullable(switch (line.substring(eventStart + 2, eventEnd)) {
            case "sys_enter" -> {
                Matcher m = SYSCALL.matcher(body);
                yield m.find() ? new TraceLine(tid, tgid, Kind.SYSCALL, Integer.parseInt(m.group(1)), 0, "", 0, comm) : null;
            }
            case "sys_exit" -> {
                // Enabled with a filter on EPERM, when verifying: what a seccomp profile refused returns it.
                Matcher m = SYSCALL_EXIT.matcher(body);
                yield m.matches() ? new TraceLine(tid, tgid, Kind.REFUSED, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), "", 0, comm)
                        : null;
            }
            case "cap_capable" -> {
                Matcher m = CAPABILITY.matcher(body);
                yield m.matches() ? new TraceLine(tid, tgid, Kind.CAPABILITY, Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), m.group(1), 0, comm) : null;
            }
            case "sched_process_fork" -> {
                Matcher m = FORK.matcher(body);
                yield m.matches() ? new TraceLine(Integer.parseInt(m.group(2)), tgid, Kind.FORK, 0, 0, m.group(3),
                        Integer.parseInt(m.group(4)), comm) : null;
            }
            case "sched_process_exec" -> {
                Matcher m = EXEC.matcher(body);
                yield m.matches() ? new TraceLine(Integer.parseInt(m.group(2)), tgid, Kind.EXEC, 0, 0, m.group(1),
                        Integer.parseInt(m.group(3)), comm) : null;
            }
            case "sched_process_exit" -> new TraceLine(tid, tgid, Kind.EXIT, 0, 0, "", 0, comm);
            case "tracing_mark_write" -> new TraceLine(tid, tgid, Kind.MARKER, 0, 0, body.strip(), 0, comm);
            default -> new TraceLine(tid, tgid, Kind.OTHER, 0, 0, "", 0, comm);
        });
    }

    /** The tid and tgid of "COMM-TID (TGID)"; a tgid of dashes (unrecorded) is the tid. */
    private static Optional<int[]> parseTask(String task, int dash, String line, int tgidStart, int tgidEnd) {
        try {
            int tid = Integer.parseInt(task, dash + 1, task.length(), 10);
            String tgidText = line.substring(tgidStart + 1, tgidEnd).strip();
            return Optional.of(new int[] {tid, tgidText.startsWith("-") ? tid : Integer.parseInt(tgidText)});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
