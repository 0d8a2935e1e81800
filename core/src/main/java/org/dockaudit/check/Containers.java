package org.dockaudit.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.Fact;
import org.dockaudit.model.ProcessFacts;
import org.dockaudit.model.Snapshot;

/**
 * The containers of one snapshot, indexed once: by name, by id (for {@code container:<prefix>}
 * references) and by the namespace inodes of their init. Checks that relate a container to the
 * others look here instead of scanning the snapshot, which made an audit grow with the square of
 * the containers.
 */
final class Containers {

    private record Cached(Snapshot snapshot, Containers index) {}

    // One snapshot is audited at a time: keep the index of the last one, compared by identity.
    private static volatile Cached last;

    private final List<ContainerRecord> records;
    private final Map<String, Integer> byName = new HashMap<>();
    private final TreeMap<String, Integer> byId = new TreeMap<>();
    private final Map<String, Map<Long, List<Integer>>> byNamespace = new HashMap<>();

    private Containers(Snapshot snapshot) {
        this.records = snapshot.containers();
        for (int i = 0; i < records.size(); i++) {
            ContainerRecord record = records.get(i);
            String name = record.inspect().path("Name").asText("");
            byName.putIfAbsent(name.startsWith("/") ? name.substring(1) : name, i);
            byId.putIfAbsent(record.inspect().path("Id").asText(""), i);
            int position = i;
            // A sandbox's processes sit in namespaces of the runtime's choosing (runsc's in the
            // host's pid namespace): not the workload's, so not shared by it with anyone.
            if (new ContainerContext(record, snapshot).sandbox().isPresent()) {
                continue;
            }
            initNamespaces(record).ifPresent(namespaces -> namespaces.forEach((kind, inode) -> byNamespace
                    .computeIfAbsent(kind, k -> new HashMap<>()).computeIfAbsent(inode, k -> new ArrayList<>()).add(position)));
        }
    }

    static Containers of(Snapshot snapshot) {
        Cached cached = last;
        if (cached != null && cached.snapshot() == snapshot) {
            return cached.index();
        }
        Containers index = new Containers(snapshot);
        last = new Cached(snapshot, index);
        return index;
    }

    /** By name, else by id or id prefix, as {@code container:<ref>} names one. */
    Optional<ContainerRecord> find(String reference) {
        Integer byExactName = byName.get(reference);
        if (byExactName != null) {
            return Optional.of(records.get(byExactName));
        }
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<String, Integer> candidate = byId.ceilingEntry(reference);
        return candidate != null && candidate.getKey().startsWith(reference)
                ? Optional.of(records.get(candidate.getValue())) : Optional.empty();
    }

    /** The other containers whose init has this namespace inode, in snapshot order. */
    List<ContainerRecord> sharing(ContainerRecord self, String kind, long inode) {
        List<ContainerRecord> others = new ArrayList<>();
        for (int position : byNamespace.getOrDefault(kind, Map.of()).getOrDefault(inode, List.of())) {
            if (records.get(position) != self) {
                others.add(records.get(position));
            }
        }
        return others;
    }

    /** The namespaces of a running container's init, when recorded. */
    static Optional<Map<String, Long>> initNamespaces(ContainerRecord record) {
        Fact<org.dockaudit.model.RuntimeFacts> runtime = record.runtime();
        if (runtime == null || !runtime.known() || !runtime.value().processes().known()
                || runtime.value().processes().value().isEmpty()) {
            return Optional.empty();
        }
        ProcessFacts init = runtime.value().processes().value().getFirst();
        return init.namespaces().known() ? Optional.of(init.namespaces().value()) : Optional.empty();
    }
}
