package org.dockaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dockaudit.check.CheckResult;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Fix;
import org.dockaudit.check.Outcome;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Target;

/**
 * Per container, the merge of the fixes its failed checks carry: the {@code docker run} flags to
 * add and to remove, the Compose keys to set and to delete, and what only the daemon or a human
 * can change. Values such as the memory size are starting points to size to the workload, and
 * are said to be.
 *
 * @param add           flags to add to {@code docker run}
 * @param remove        flags of the current configuration to drop
 * @param compose       the same as Compose service keys to set
 * @param composeDelete the Compose keys (or list entries) to delete, for what {@code remove} drops
 * @param notes         what flags cannot fix, or needs a human decision (said for a manifest when
 *                      the container is declared in one)
 * @param manifest      for a container of a Kubernetes manifest, the same as the manifest's fields;
 *                      null otherwise
 * @param service       for a swarm service, the same as {@code docker service update} flags; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Hardening(Target target, List<String> add, List<String> remove, Map<String, Object> compose,
        List<String> composeDelete, List<String> notes, ManifestFix manifest, ServiceFix service) {

    /**
     * The order fixes are merged in, that of a {@code docker run} line as people write it:
     * privileges, namespaces, mounts, ports, devices, resources, then kernel and MAC options.
     * A check not listed comes after these, by id.
     */
    private static final List<String> ORDER = List.of(
            "PRIV-001", "DEV-003", "PRIV-002", "PRIV-003", "PRIV-004", "PRIV-005", "PRIV-006",
            "ISO-001", "ISO-002", "ISO-003", "ISO-004", "ISO-005", "ISO-006", "ISO-007",
            "ISO-008", "ISO-009", "ISO-010", "CHN-001", "ISO-011", "DEV-001", "DEV-002",
            "RES-001", "RES-002", "RES-003", "RES-004", "RES-005", "RES-007",
            "KRN-001", "MAC-002", "MAC-003", "KRN-003", "KRN-020", "KRN-021");

    /** One block per container with a fix, in the snapshot's order of containers. */
    public static List<Hardening> of(Snapshot snapshot, List<CheckResult> results) {
        Map<Target, List<CheckResult>> failures = new LinkedHashMap<>();
        for (CheckResult result : results) {
            if (result.outcome() instanceof Outcome.Fail fail && !fail.fix().isEmpty()) {
                failures.computeIfAbsent(result.target(), target -> new ArrayList<>()).add(result);
            }
        }
        // Kubernetes manifests are read into a snapshot of this source; Compose files' read as Compose.
        boolean manifests = "kubernetes".equals(snapshot.source());
        List<Hardening> hardening = new ArrayList<>();
        for (ContainerRecord record : snapshot.containers()) {
            ContainerContext container = new ContainerContext(record, snapshot);
            Target target = container.target();
            List<CheckResult> failed = failures.getOrDefault(target, List.of());
            if (!failed.isEmpty()) {
                // A swarm service is changed by updating it, with the service's own flags.
                Declared declared = manifests ? Declared.MANIFEST : container.swarmService().isPresent() ? Declared.SERVICE : Declared.RUN;
                hardening.add(merge(target, failed.stream()
                        .sorted(Comparator.comparing((CheckResult result) -> rank(result.check().id()))
                                .thenComparing(result -> result.check().id()))
                        .map(result -> ((Outcome.Fail) result.outcome()).fix())
                        .toList(), declared));
            }
        }
        return hardening;
    }

    /**
     * The blocks a report prints: containers that need the same flags share one, in the order of
     * the first of them; with {@code perTarget}, one block per container.
     */
    static List<List<Hardening>> blocks(List<Hardening> hardening, boolean perTarget) {
        Map<List<Object>, List<Hardening>> blocks = new LinkedHashMap<>();
        for (Hardening advice : hardening) {
            List<Object> same = perTarget ? List.of(advice.target())
                    : java.util.Arrays.asList(advice.add(), advice.remove(), advice.compose(), advice.composeDelete(), advice.notes(),
                            advice.manifest(), advice.service());
            blocks.computeIfAbsent(same, key -> new ArrayList<>()).add(advice);
        }
        return List.copyOf(blocks.values());
    }

    /**
     * One entry of {@link #composeDelete}: a key ({@code privileged}), or a list entry of a key
     * ({@code volumes: /:/host}, its {@code item}).
     */
    record ComposeDeletion(String key, String item) {
        static ComposeDeletion of(String entry) {
            int colon = entry.indexOf(": ");
            return colon < 0 ? new ComposeDeletion(entry, "") : new ComposeDeletion(entry.substring(0, colon), entry.substring(colon + 2));
        }
    }

    /** The Compose keys to set, one {@code key: value} line each, values in YAML's flow style. */
    List<String> composeLines() {
        List<String> lines = new ArrayList<>();
        compose.forEach((key, value) -> lines.add(key + ": " + yaml(value)));
        return lines;
    }

    /** A Compose value in YAML's flow style: lists in brackets, strings quoted. */
    static String yaml(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(item -> '"' + item.toString() + '"').collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return value instanceof String text ? '"' + text + '"' : String.valueOf(value);
    }

    private static int rank(String checkId) {
        int index = ORDER.indexOf(checkId);
        return index < 0 ? ORDER.size() : index;
    }

    /** What a container is declared by, and so the terms its hardening is said in besides docker run's. */
    enum Declared {
        RUN, MANIFEST, SERVICE
    }

    /**
     * Each flag, key and note once, in the order of the fixes; list values of one Compose key are
     * joined. Also said in a Kubernetes manifest's fields, or as a service update, as declared.
     */
    static Hardening merge(Target target, List<Fix> fixes, Declared declared) {
        boolean manifest = declared == Declared.MANIFEST;
        Set<String> add = new LinkedHashSet<>();
        Set<String> remove = new LinkedHashSet<>();
        Map<String, Object> compose = new LinkedHashMap<>();
        Set<String> composeDelete = new LinkedHashSet<>();
        Set<String> notes = new LinkedHashSet<>();
        for (Fix fix : fixes) {
            add.addAll(fix.add());
            remove.addAll(fix.remove());
            fix.composeSet().forEach((key, value) -> compose.merge(key, value, Hardening::joined));
            composeDelete.addAll(fix.composeDelete());
            fix.notes().forEach(note -> notes.add(manifest ? fix.manifestNotes().getOrDefault(note, note) : note));
        }
        List<String> deletes = List.copyOf(composeDelete);
        return new Hardening(target, List.copyOf(add), List.copyOf(remove), compose, deletes, List.copyOf(notes),
                manifest ? ManifestFix.of(compose, deletes) : null, declared == Declared.SERVICE ? ServiceFix.of(compose, deletes) : null);
    }

    private static Object joined(Object first, Object second) {
        if (first instanceof List<?> a && second instanceof List<?> b) {
            Set<Object> both = new LinkedHashSet<>(a);
            both.addAll(b);
            return List.copyOf(both);
        }
        return first;
    }
}
