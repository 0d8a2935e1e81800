package org.dockaudit.check;

/**
 * Thrown by shared check helpers when the question does not arise for a target (no seccomp
 * filter to analyse, say); the runner turns it into an {@link Outcome.NotApplicable}.
 */
public final class NotApplicableException extends RuntimeException {

    public NotApplicableException(String reason) {
        super(reason, null, false, false);
    }
}
