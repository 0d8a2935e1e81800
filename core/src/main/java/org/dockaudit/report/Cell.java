package org.dockaudit.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.dockaudit.check.Severity;

/**
 * One cell of the recap matrix (area by threat): the highest severity found, or why there is
 * none. Its JSON is its name: {@code high}, {@code none}, {@code unknown}, {@code not-applicable},
 * {@code not-audited}.
 */
public sealed interface Cell permits Cell.Found, Cell.Empty {

    @JsonValue
    String id();

    /**
     * The highest severity of the findings for this threat.
     *
     * @param targets how many targets have a finding in this cell (any severity)
     */
    record Found(Severity severity, int targets) implements Cell {
        @Override
        public String id() {
            return severity.id();
        }
    }

    /** Nothing found, and why. */
    enum Empty implements Cell {
        /** A check of the area that judges this threat passed or failed, and nothing was found for it. */
        NONE,
        /** The area's checks could not read their facts: never read as "none". */
        UNKNOWN,
        /** The area's checks all found themselves not applicable. */
        NOT_APPLICABLE,
        /** No check of this version covers the area. */
        NOT_AUDITED;

        @Override
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
