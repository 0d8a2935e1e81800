package org.dockaudit.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.dockaudit.model.ContainerNames;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.Fact;
import org.dockaudit.model.ProcessFacts;
import org.dockaudit.model.RuntimeFacts;
import org.dockaudit.model.Snapshot;

/**
 * Which namespaces the host and the running containers share, from the inodes the kernel shows
 * ({@code /proc/PID/ns/*}), not from configuration strings: a node per host and container, a
 * link for every pair that has one or more namespaces in common; a namespace that is the host's
 * links its containers to the host only, so that a graph of 300 containers stays readable. The picture of the talk (ANSSI's
 * OVALI), as text, Graphviz DOT, JSON, or the document OVALI loads.
 *
 * @param nodes   the host first, then the running containers whose namespaces were read, by name
 * @param links   every pair sharing namespaces, with the kinds they share, sorted
 * @param unread  the containers whose namespaces could not be read (not running, or unknown), with why
 */
public record NamespaceGraph(List<Node> nodes, List<Link> links, Map<String, String> unread) {

    /** The kinds compared, in the order links list them. */
    public static final List<String> KINDS = List.of("pid", "net", "ipc", "uts", "user", "cgroup", "mnt");

    /** @param type {@code host} or {@code container} */
    public record Node(String id, String type, String name) {}

    /** @param rels the namespace kinds the two share */
    public record Link(String source, String target, List<String> rels) {}

    public static NamespaceGraph of(Snapshot snapshot) {
        List<Node> nodes = new ArrayList<>();
        Map<String, Map<String, Long>> inodes = new LinkedHashMap<>();
        Map<String, String> unread = new TreeMap<>();
        Fact<Map<String, Long>> host = snapshot.host().namespaces();
        if (host != null && host.known()) {
            nodes.add(new Node("host", "host", "host"));
            inodes.put("host", host.value());
        }
        Map<String, Node> containers = new TreeMap<>();
        for (ContainerRecord record : snapshot.containers()) {
            String name = ContainerNames.typed(record.inspect().path("Name").asText());
            Optional<Map<String, Long>> own = namespaces(record);
            if (own.isEmpty()) {
                unread.put(name, record.runtime().known() ? "namespaces of its init not read" : record.runtime().unknown());
                continue;
            }
            containers.put(name, new Node(name, "container", name));
            inodes.put(name, own.get());
        }
        nodes.addAll(containers.values());
        // Nodes that share a namespace are found by its inode, not by comparing every pair: the
        // audit draws this graph for 10,000 containers as well as for 10.
        Map<String, Long> hostInodes = inodes.getOrDefault("host", Map.of());
        Map<Long, List<String>> sharedByPair = new TreeMap<>();
        for (String kind : KINDS) {
            Map<Long, List<Integer>> byInode = new LinkedHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                Long inode = inodes.get(nodes.get(i).id()).get(kind);
                if (inode != null) {
                    byInode.computeIfAbsent(inode, key -> new ArrayList<>()).add(i);
                }
            }
            for (Map.Entry<Long, List<Integer>> group : byInode.entrySet()) {
                List<Integer> members = group.getValue();
                // A namespace that is the host's is drawn once, to the host: not between every pair of
                // containers in it (without userns-remap, all of them share the host's user namespace).
                boolean hosts = group.getKey().equals(hostInodes.get(kind));
                for (int a = 0; a < members.size(); a++) {
                    for (int b = a + 1; b < members.size() && (!hosts || a == 0); b++) {
                        sharedByPair.computeIfAbsent((long) members.get(a) * nodes.size() + members.get(b), key -> new ArrayList<>()).add(kind);
                    }
                }
            }
        }
        List<Link> links = new ArrayList<>();
        sharedByPair.forEach((pair, kinds) -> links.add(new Link(nodes.get((int) (pair / nodes.size())).id(),
                nodes.get((int) (pair % nodes.size())).id(), List.copyOf(kinds))));
        return new NamespaceGraph(List.copyOf(nodes), List.copyOf(links), unread);
    }

    private static Optional<Map<String, Long>> namespaces(ContainerRecord record) {
        Fact<RuntimeFacts> runtime = record.runtime();
        if (runtime == null || !runtime.known() || !runtime.value().processes().known() || runtime.value().processes().value().isEmpty()) {
            return Optional.empty();
        }
        ProcessFacts init = runtime.value().processes().value().getFirst();
        return init.namespaces().known() ? Optional.of(init.namespaces().value()) : Optional.empty();
    }

    /** The nodes that share nothing with any other. */
    List<Node> alone() {
        return nodes.stream().filter(node -> links.stream().noneMatch(link -> link.source().equals(node.id())
                || link.target().equals(node.id()))).toList();
    }

    /** What shares with what, then the containers that share nothing, then those not read. */
    static final class Text extends TextFormat<NamespaceGraph> {
        @Override
        protected void print(NamespaceGraph graph, PrintWriter out, Options options) {
            out.println("namespaces shared (from the kernel's inodes):");
            graph.links().forEach(link -> out.println("  " + Terminal.escape(link.source()) + " -- " + Terminal.escape(link.target())
                    + ": " + String.join(", ", link.rels())));
            if (graph.links().isEmpty()) {
                out.println("  none");
            }
            List<Node> alone = graph.alone();
            out.println("sharing nothing: " + (alone.isEmpty() ? "none"
                    : String.join(", ", alone.stream().map(node -> Terminal.escape(node.name())).toList())));
            graph.unread().forEach((name, why) -> out.println("not read: " + Terminal.escape(name) + " (" + Terminal.escape(why) + ")"));
        }
    }

    /** Graphviz: an undirected graph, one edge per shared kind, coloured by kind. */
    static final class Dot extends TextFormat<NamespaceGraph> {
        private static final Map<String, String> COLORS = Map.of("pid", "red", "net", "blue", "ipc", "darkgreen", "uts", "orange",
                "user", "purple", "cgroup", "brown", "mnt", "gray40");

        @Override
        public String name() {
            return "dot";
        }

        @Override
        protected void print(NamespaceGraph graph, PrintWriter out, Options options) {
            out.println("graph namespaces {");
            out.println("  node [shape=box];");
            for (Node node : graph.nodes()) {
                out.println("  " + quote(node.id()) + " [label=" + quote(node.name()) + (node.type().equals("host") ? ", style=bold" : "") + "];");
            }
            for (Link link : graph.links()) {
                for (String kind : link.rels()) {
                    out.println("  " + quote(link.source()) + " -- " + quote(link.target()) + " [label=" + quote(kind) + ", color="
                            + COLORS.get(kind) + "];");
                }
            }
            out.println("}");
        }

        private static String quote(String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    /** The document OVALI loads: {@code {"nodes":[{"id","type","name"}],"links":[{"source","target","rels"}]}}. */
    static final class Ovali implements ReportFormat<NamespaceGraph> {
        @Override
        public String name() {
            return "ovali";
        }

        @Override
        public void write(NamespaceGraph graph, OutputStream out, Options options) throws IOException {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ArrayNode nodes = root.putArray("nodes");
            graph.nodes().forEach(node -> nodes.addObject().put("id", node.id()).put("type", node.type()).put("name", node.name()));
            ArrayNode links = root.putArray("links");
            graph.links().forEach(link -> {
                ObjectNode entry = links.addObject().put("source", link.source()).put("target", link.target());
                link.rels().forEach(entry.putArray("rels")::add);
            });
            new JsonFormat<ObjectNode>().write(root, out, options);
        }
    }
}
