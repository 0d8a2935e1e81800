package org.dockaudit.check;

import java.util.Optional;
import org.dockaudit.model.Fact;

/** Unwraps facts inside checks: an unknown one ends the check as {@link Outcome.Unknown}. */
public final class Facts {

    private Facts() {}

    public static <T> T require(Fact<T> fact) {
        if (fact == null) {
            throw new UnknownFactException("not recorded in the snapshot");
        }
        if (!fact.known()) {
            throw new UnknownFactException(fact.unknown());
        }
        return fact.value();
    }

    /** The status of a process, or unknown naming the pid. */
    public static org.dockaudit.model.ProcessStatus status(org.dockaudit.model.ProcessFacts process) {
        return require(process.status(), "status of pid " + process.pid());
    }

    /**
     * The value of a fact that is recorded and known, for checks that can fall back on another
     * source; a check that needs the fact uses {@link #require(Fact, String)}.
     */
    public static <T> Optional<T> ifKnown(Fact<T> fact) {
        return fact != null && fact.known() ? Optional.of(fact.value()) : Optional.empty();
    }

    public static <T> T require(Fact<T> fact, String what) {
        if (fact == null || !fact.known()) {
            throw new UnknownFactException(what + ": " + (fact == null ? "not recorded in the snapshot" : fact.unknown()));
        }
        return fact.value();
    }
}
