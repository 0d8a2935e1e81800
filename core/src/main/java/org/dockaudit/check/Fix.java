package org.dockaudit.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What fixes one failed check on one container, built by the check from what it saw, in the
 * user's own terms: {@code docker run} flags to add and to remove (as they were typed: a name,
 * not the id the engine stores), the Compose keys to set and to delete, notes for what no flag
 * can do, and the reason. The hardening advice of a container is the merge of its fixes.
 *
 * @param composeSet    Compose service keys and their values
 * @param composeDelete Compose keys, or list entries ({@code "volumes: /:/host"}), to delete
 * @param manifestNotes the notes that name a Docker flag, said for a Kubernetes manifest, by note;
 *                      the keys and flags themselves are translated by the report
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Fix(String reason, List<String> add, List<String> remove, Map<String, Object> composeSet,
        List<String> composeDelete, List<String> notes,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, String> manifestNotes) {

    /** A failure no container flag fixes (or not yet said how). */
    public static final Fix NONE = new Fix("", List.of(), List.of(), Map.of(), List.of(), List.of(), Map.of());

    public Fix {
        // A fix read back from a JSON report leaves its empty parts out.
        reason = reason == null ? "" : reason;
        add = add == null ? List.of() : List.copyOf(add);
        remove = remove == null ? List.of() : List.copyOf(remove);
        composeSet = composeSet == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(composeSet));
        composeDelete = composeDelete == null ? List.of() : List.copyOf(composeDelete);
        notes = notes == null ? List.of() : List.copyOf(notes);
        manifestNotes = manifestNotes == null ? Map.of() : Map.copyOf(manifestNotes);
    }

    public static Builder because(String reason) {
        return new Builder(reason);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return add.isEmpty() && remove.isEmpty() && composeSet.isEmpty() && composeDelete.isEmpty() && notes.isEmpty();
    }

    /** A fix written in the order a user reads it; each flag, key and note once. */
    public static final class Builder {
        private final String reason;
        private final Set<String> add = new LinkedHashSet<>();
        private final Set<String> remove = new LinkedHashSet<>();
        private final Map<String, Object> composeSet = new LinkedHashMap<>();
        private final Set<String> composeDelete = new LinkedHashSet<>();
        private final Set<String> notes = new LinkedHashSet<>();
        private final Map<String, String> manifestNotes = new LinkedHashMap<>();

        private Builder(String reason) {
            this.reason = reason;
        }

        public Builder add(String flag) {
            add.add(flag);
            return this;
        }

        /** A flag to add, and the Compose key that says the same. */
        public Builder add(String flag, String composeKey, Object composeValue) {
            add.add(flag);
            composeSet.put(composeKey, composeValue);
            return this;
        }

        /** A flag to drop, and the Compose key or list entry to delete; null when Compose has none ({@code -P}). */
        public Builder remove(String flag, String composeKey) {
            remove.add(flag);
            if (composeKey != null) {
                composeDelete.add(composeKey);
            }
            return this;
        }

        /** Drop {@code --privileged} and Compose's {@code privileged}. */
        public Builder removePrivileged() {
            return remove("--privileged", "privileged");
        }

        /** Drop one {@code --security-opt}, as it was typed, and its entry of Compose's {@code security_opt}. */
        public Builder removeSecurityOpt(String option) {
            return remove("--security-opt " + option, "security_opt: " + option);
        }

        public Builder set(String composeKey, Object composeValue) {
            composeSet.put(composeKey, composeValue);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        /** A note that names Docker flags, and what it says for a container of a Kubernetes manifest. */
        public Builder note(String note, String forManifest) {
            manifestNotes.put(note, forManifest);
            return note(note);
        }

        public Fix build() {
            return new Fix(reason, new ArrayList<>(add), new ArrayList<>(remove), composeSet, new ArrayList<>(composeDelete),
                    new ArrayList<>(notes), manifestNotes);
        }
    }
}
