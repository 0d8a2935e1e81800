package org.dockaudit.trace;

/** Why a trace cannot be made or finished; the message is one line for the user. */
public final class TraceException extends Exception {

    /** What went wrong, for the exit code: the host cannot trace, or the container named cannot be traced. */
    public enum Cause { HOST, CONTAINER }

    private final Cause cause;

    public TraceException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public Cause kind() {
        return cause;
    }
}
