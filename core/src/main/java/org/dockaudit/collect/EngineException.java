package org.dockaudit.collect;

/** The daemon answered with an error status, or could not be reached at all (status 0). */
public final class EngineException extends Exception {

    public static final int UNREACHABLE = 0;

    private final int status;

    public EngineException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean notFound() {
        return status == 404;
    }
}
