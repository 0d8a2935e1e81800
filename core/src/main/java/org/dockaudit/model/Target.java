package org.dockaudit.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a finding is about. For a container, {@code name} has no leading slash. */
public record Target(Kind kind, String name, String id) {

    public enum Kind {
        HOST, DAEMON, CONTAINER, IMAGE;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    // Written out: a record's generated equals and hashCode go through method handles, slow on a
    // short run, and a report keys every result, finding and hardening by its target.
    @Override
    public boolean equals(Object other) {
        return other instanceof Target target && kind == target.kind && java.util.Objects.equals(name, target.name)
                && java.util.Objects.equals(id, target.id);
    }

    @Override
    public int hashCode() {
        return (kind.ordinal() * 31 + java.util.Objects.hashCode(name)) * 31 + java.util.Objects.hashCode(id);
    }

    public String label() {
        return kind.id() + " " + name;
    }

    /** The short form Docker prints for an id: its first 12 hex digits, without the {@code sha256:} of image ids. */
    public static String shortId(String id) {
        String bare = id.replaceFirst("^sha256:", "");
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }
}
