package org.dockaudit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.function.Function;

/**
 * A fact read from the host, or the reason it could not be read. Checks never turn an unknown
 * fact into a pass: they report it as unknown, with this reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fact<T>(T value, String unknown) {

    public Fact {
        if ((value == null) == (unknown == null)) {
            throw new IllegalArgumentException("a fact has either a value or an unknown reason");
        }
    }

    public static <T> Fact<T> of(T value) {
        return new Fact<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> Fact<T> unknown(String reason) {
        return new Fact<>(null, Objects.requireNonNull(reason, "reason"));
    }

    public boolean known() {
        return unknown == null;
    }

    public <R> Fact<R> map(Function<? super T, ? extends R> mapper) {
        return known() ? Fact.of(mapper.apply(value)) : Fact.unknown(unknown);
    }
}
