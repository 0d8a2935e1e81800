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

    public String label() {
        return kind.id() + " " + name;
    }

    /** The short form Docker prints for an id: its first 12 hex digits, without the {@code sha256:} of image ids. */
    public static String shortId(String id) {
        String bare = id.replaceFirst("^sha256:", "");
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }
}
