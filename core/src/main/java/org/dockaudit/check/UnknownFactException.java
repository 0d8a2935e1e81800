package org.dockaudit.check;

/**
 * Thrown by {@link Facts#require} when a check needs a fact that was not collected; the runner
 * turns it into an {@link Outcome.Unknown}, so a check cannot pass on a fact it could not read.
 */
public final class UnknownFactException extends RuntimeException {

    public UnknownFactException(String reason) {
        super(reason, null, false, false);
    }
}
