package org.dockaudit.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Severity of a finding, lowest first so that {@code compareTo} orders by gravity. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromId(String id) {
        for (Severity severity : values()) {
            if (severity.id().equalsIgnoreCase(id.trim())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + id + "' (expected info, low, medium, high or critical)");
    }

    public Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
