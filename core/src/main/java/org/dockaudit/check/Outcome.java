package org.dockaudit.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** What a check concluded about one target. Unknown and not-applicable are never a pass. */
public sealed interface Outcome {

    /** The outcome's name in reports: {@code pass}, {@code fail}, {@code not-applicable}, {@code unknown}, {@code error}. */
    enum Status {
        PASS, FAIL, NOT_APPLICABLE, UNKNOWN, ERROR;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    Status status();

    /** The check holds; {@code evidence} says what was seen. */
    record Pass(String evidence) implements Outcome {
        public Status status() {
            return Status.PASS;
        }
    }

    /**
     * The check fails. {@code severity} may be lower than the check's own when what was seen is
     * less grave; {@code remediation} is null when the check's own applies as is; {@code fix} is
     * what fixes it on the container, as data ({@link Fix#NONE} when no container flag does).
     */
    record Fail(Severity severity, List<String> evidence, String remediation, Fix fix) implements Outcome {
        public Fail {
            evidence = List.copyOf(evidence);
        }

        public Status status() {
            return Status.FAIL;
        }

        public Fail withFix(Fix fix) {
            return new Fail(severity, evidence, remediation, fix);
        }
    }

    record NotApplicable(String reason) implements Outcome {
        public Status status() {
            return Status.NOT_APPLICABLE;
        }
    }

    /** A fact the check needs could not be read; {@code reason} says which and why. */
    record Unknown(String reason) implements Outcome {
        public Status status() {
            return Status.UNKNOWN;
        }
    }

    /** The check itself failed; a bug, reported rather than hidden. */
    record Error(String message) implements Outcome {
        public Status status() {
            return Status.ERROR;
        }
    }

    static Pass pass(String evidence) {
        return new Pass(evidence);
    }

    static Fail fail(Severity severity, List<String> evidence) {
        return new Fail(severity, evidence, null, Fix.NONE);
    }

    static Fail fail(Severity severity, List<String> evidence, String remediation) {
        return new Fail(severity, evidence, remediation, Fix.NONE);
    }

    static NotApplicable notApplicable(String reason) {
        return new NotApplicable(reason);
    }

    static Unknown unknown(String reason) {
        return new Unknown(reason);
    }
}
