package org.dockaudit.check;

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
}
