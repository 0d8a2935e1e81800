package org.dockaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.dockaudit.check.Area;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Target;

/**
 * A failed check on one target, as the JSON report prints it; {@code fix} is left out when no
 * container flag fixes it.
 */
public record Finding(
        String id,
        String title,
        Severity severity,
        Area area,
        List<Threat> threats,
        Target target,
        List<String> evidence,
        String remediation,
        List<String> references,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = NoFix.class) Fix fix,
        @JsonInclude(JsonInclude.Include.NON_NULL) Location location) {

    /** Where the finding's target is declared, for a container of a deployment file: the offending key's line. */
    public record Location(String file, int line) {}

    /** The page that explains the check, in the project's documentation (also {@code dockaudit checks ID}). */
    @com.fasterxml.jackson.annotation.JsonProperty(access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    public String help() {
        return "docs/checks/" + id + ".md";
    }

    /**
     * What identifies this finding from one audit to the next: the check and the target's kind
     * and name. A container re-created under the same name keeps its findings' fingerprints.
     */
    public String fingerprint() {
        return id + "|" + target.kind().id() + "|" + target.name();
    }

    /** Jackson's filter for an empty fix: equal to it means "leave out". */
    static final class NoFix {
        @Override
        public boolean equals(Object other) {
            return other == null || other instanceof Fix fix && fix.isEmpty();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
