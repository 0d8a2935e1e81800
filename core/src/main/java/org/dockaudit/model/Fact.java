package org.dockaudit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A fact read from the host, or why it could not be read: a {@link Gap} that code branches on, and
 * a reason in words for the reader. Checks never turn an unknown fact into a pass: they report it
 * as unknown, with this reason.
 *
 * @param gap null for a known fact
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fact<T>(T value, String unknown, Gap gap) {

    /** The kind of a missing fact. */
    public enum Gap {
        /** The file or object is not there: on this host, the thing does not exist. */
        MISSING,
        /** It exists, and this run may not read it. */
        DENIED,
        /** Not read by choice ({@code --no-seccomp-dump}) or by the input ({@code docker inspect} output alone). */
        NOT_COLLECTED,
        /** This host or engine has no such thing to read (cgroup v2 has no devices.list). */
        UNSUPPORTED,
        /** Any other failure: unexpected content, a process that refused, an I/O error. */
        OTHER;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Fact {
        if ((value == null) == (unknown == null)) {
            throw new IllegalArgumentException("a fact has either a value or an unknown reason");
        }
        // Snapshots written before gaps were recorded: their reasons said which files were missing.
        gap = unknown == null ? null : gap != null ? gap : unknown.endsWith(": no such file") ? Gap.MISSING : Gap.OTHER;
    }

    public static <T> Fact<T> of(T value) {
        return new Fact<>(Objects.requireNonNull(value, "value"), null, null);
    }

    public static <T> Fact<T> unknown(String reason) {
        return unknown(Gap.OTHER, reason);
    }

    public static <T> Fact<T> unknown(Gap gap, String reason) {
        return new Fact<>(null, Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(gap, "gap"));
    }

    public boolean known() {
        return unknown == null;
    }

    /** Whether it is unknown because the thing is not there. */
    public boolean missing() {
        return gap == Gap.MISSING;
    }

    /** The value, or {@code other} when it is unknown. */
    public T orElse(T other) {
        return known() ? value : other;
    }

    public <R> Fact<R> map(Function<? super T, ? extends R> mapper) {
        return known() ? Fact.of(mapper.apply(value)) : Fact.unknown(gap, unknown);
    }
}
