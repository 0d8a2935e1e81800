package org.dockaudit.check;

import com.fasterxml.jackson.annotation.JsonValue;

/** The three threats of the seed's recap table. */
public enum Threat {
    DENIAL_OF_SERVICE("denial-of-service", "DoS"),
    ESCAPE("escape", "escape"),
    UNAUTHORIZED_ACCESS("unauthorized-access", "unauth. access");

    private final String id;
    private final String shortTitle;

    Threat(String id, String shortTitle) {
        this.id = id;
        this.shortTitle = shortTitle;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String shortTitle() {
        return shortTitle;
    }
}
