package org.dockaudit.seccomp;

/**
 * A seccomp return value: action and data. Ordered as the kernel ranks them when stacked filters
 * disagree: the most restrictive (lowest signed action value) wins. Unknown actions act as a kill.
 */
public record Action(Kind kind, int data, int raw) {

    public static final int ACTION_FULL = 0xffff0000;
    static final int MAX_ERRNO = 4095;

    public enum Kind {
        KILL_PROCESS(0x80000000, "kill_process"),
        KILL_THREAD(0x00000000, "kill_thread"),
        TRAP(0x00030000, "trap"),
        ERRNO(0x00050000, "errno"),
        USER_NOTIF(0x7fc00000, "user_notif"),
        TRACE(0x7ff00000, "trace"),
        LOG(0x7ffc0000, "log"),
        ALLOW(0x7fff0000, "allow");

        final int value;
        final String id;

        Kind(int value, String id) {
            this.value = value;
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public static Action of(int raw) {
        int action = raw & ACTION_FULL;
        for (Kind kind : Kind.values()) {
            if (kind.value == action) {
                // The kernel clamps an errno to MAX_ERRNO (4095) before returning it.
                int data = kind == Kind.ERRNO ? Math.min(raw & 0xffff, MAX_ERRNO) : raw & 0xffff;
                return new Action(kind, data, raw);
            }
        }
        // The kernel kills the process on an action it does not know.
        return new Action(Kind.KILL_PROCESS, raw & 0xffff, raw);
    }

    /** The signed action value the kernel compares: lower is more restrictive. */
    public int rank() {
        return raw & ACTION_FULL;
    }

    public boolean allows() {
        return kind == Kind.ALLOW || kind == Kind.LOG;
    }

    /** The stricter of two results, ties going to {@code this} (the newer filter, run first). */
    public Action stricter(Action other) {
        return other.rank() < rank() ? other : this;
    }

    @Override
    public String toString() {
        boolean known = (raw & ACTION_FULL) == kind.value;
        return switch (kind) {
            case ERRNO -> "errno(" + data + ")";
            case TRACE -> "trace(" + data + ")";
            case KILL_PROCESS -> known ? "kill_process" : "kill_process (unknown action 0x" + Integer.toHexString(raw) + ")";
            default -> kind.id;
        };
    }
}
