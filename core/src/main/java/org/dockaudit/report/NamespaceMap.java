package org.dockaudit.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The namespace graph laid out for the HTML report's SVG, here rather than in the browser so that
 * the same report draws the same picture, and opens fast with 300 containers.
 *
 * <p>The host sits in the middle of the containers that share one of its namespaces, on rings
 * around it; containers that share namespaces only among themselves (a pod, a sidecar on
 * {@code --net container:}) form small circles below; the containers that share nothing are not
 * drawn but listed apart, {@link #alone}. A link of several kinds is drawn as parallel lines, one
 * per kind, each coloured by kind.
 *
 * @param labelled whether names are written on the picture; past {@link #LABELLED} nodes they
 *                 would overlap, and each node says its name on hover instead
 */
public record NamespaceMap(int width, int height, List<Node> nodes, List<Edge> edges, List<String> alone, boolean labelled) {

    /**
     * @param labelX where its name starts (or ends, for {@code end})
     * @param rotate the name's angle in degrees: names around the host run along the radius, outwards
     * @param align  {@code start}, {@code end} or {@code middle}
     */
    public record Node(String name, boolean host, double x, double y, double labelX, double labelY, double rotate, String align,
            String anchor, String shares) {}

    public record Edge(String kind, double x1, double y1, double x2, double y2) {}

    static final int WIDTH = 960;
    static final int LABELLED = 60;
    private static final double SPACING = 28;
    private static final double FIRST_RING = 110;
    private static final double RING_STEP = 44;
    private static final double MARGIN = 90;
    /** Between two named nodes on the ring: the height of a name and some air. */
    private static final double LABEL_SPACING = 17;
    /** Around the ring, for the names: the longest container names are cut there by the picture's edge. */
    private static final double LABEL_ROOM = 150;

    /**
     * @param anchors the page anchor of each container's card, by name
     */
    static NamespaceMap of(NamespaceGraph graph, Map<String, String> anchors) {
        Map<String, List<NamespaceGraph.Link>> byNode = new HashMap<>();
        for (NamespaceGraph.Link link : graph.links()) {
            byNode.computeIfAbsent(link.source(), id -> new ArrayList<>()).add(link);
            byNode.computeIfAbsent(link.target(), id -> new ArrayList<>()).add(link);
        }
        List<List<String>> components = components(graph, byNode);
        long drawn = components.stream().filter(component -> component.size() > 1).mapToLong(List::size).sum();
        boolean labelled = drawn <= LABELLED;
        Map<String, double[]> at = new LinkedHashMap<>();
        double top = 0;
        List<String> alone = new ArrayList<>();
        List<List<String>> small = new ArrayList<>();
        for (List<String> component : components) {
            if (component.size() == 1) {
                alone.add(component.getFirst());
            } else if (component.contains("host")) {
                top = ring(component, labelled, at);
            } else {
                small.add(component);
            }
        }
        top = circles(small, labelled, top, at);
        List<Node> nodes = new ArrayList<>();
        for (NamespaceGraph.Node node : graph.nodes()) {
            double[] xy = at.get(node.id());
            if (xy == null) {
                continue;
            }
            String shares = byNode.getOrDefault(node.id(), List.of()).stream()
                    .map(link -> (link.source().equals(node.id()) ? link.target() : link.source()) + ": " + String.join(", ", link.rels()))
                    .reduce((a, b) -> a + "; " + b).orElse("");
            boolean host = node.type().equals("host");
            String anchor = host ? "#host" : anchors.getOrDefault(node.name(), "");
            if (host) {
                nodes.add(new Node(node.name(), true, round(xy[0]), round(xy[1]), round(xy[0]), round(xy[1]), 0, "middle", anchor, shares));
                continue;
            }
            // xy[2] is the direction from the middle of the node's circle: the name goes on outwards,
            // turned upright on the left half so that it never reads upside down.
            double cos = Math.cos(xy[2]);
            double sin = Math.sin(xy[2]);
            double degrees = Math.toDegrees(xy[2]);
            boolean right = cos >= -1e-9;
            nodes.add(new Node(node.name(), false, round(xy[0]), round(xy[1]), round(xy[0] + 11 * cos), round(xy[1] + 11 * sin),
                    round(right ? degrees : degrees + 180), right ? "start" : "end", anchor, shares));
        }
        List<Edge> edges = new ArrayList<>();
        for (NamespaceGraph.Link link : graph.links()) {
            double[] a = at.get(link.source());
            double[] b = at.get(link.target());
            double length = Math.hypot(b[0] - a[0], b[1] - a[1]);
            // Parallel lines 3 px apart, centred on the line between the two nodes.
            double nx = length == 0 ? 0 : -(b[1] - a[1]) / length * 3;
            double ny = length == 0 ? 0 : (b[0] - a[0]) / length * 3;
            for (int i = 0; i < link.rels().size(); i++) {
                double shift = i - (link.rels().size() - 1) / 2.0;
                edges.add(new Edge(link.rels().get(i), round(a[0] + nx * shift), round(a[1] + ny * shift),
                        round(b[0] + nx * shift), round(b[1] + ny * shift)));
            }
        }
        alone.sort(Comparator.naturalOrder());
        return new NamespaceMap(WIDTH, (int) Math.ceil(top), List.copyOf(nodes), List.copyOf(edges), List.copyOf(alone), labelled);
    }

    /** Connected components, each in the order of the graph's nodes (the host first, then by name). */
    private static List<List<String>> components(NamespaceGraph graph, Map<String, List<NamespaceGraph.Link>> byNode) {
        Map<String, Integer> order = new HashMap<>();
        graph.nodes().forEach(node -> order.put(node.id(), order.size()));
        Map<String, Integer> component = new HashMap<>();
        List<List<String>> components = new ArrayList<>();
        for (NamespaceGraph.Node start : graph.nodes()) {
            if (component.containsKey(start.id())) {
                continue;
            }
            List<String> members = new ArrayList<>();
            List<String> queue = new ArrayList<>(List.of(start.id()));
            component.put(start.id(), components.size());
            while (!queue.isEmpty()) {
                String id = queue.removeLast();
                members.add(id);
                for (NamespaceGraph.Link link : byNode.getOrDefault(id, List.of())) {
                    String other = link.source().equals(id) ? link.target() : link.source();
                    if (component.putIfAbsent(other, components.size()) == null) {
                        queue.add(other);
                    }
                }
            }
            members.sort(Comparator.comparing(order::get));
            components.add(members);
        }
        return components;
    }

    /**
     * The host in the middle, the others around it: on one ring when their names are written
     * (each along its radius, so that they do not overlap), else on rings as full as their length
     * allows. Returns the bottom.
     */
    private static double ring(List<String> component, boolean labelled, Map<String, double[]> at) {
        int rest = component.size() - 1;
        List<double[]> rings = new ArrayList<>();
        if (labelled) {
            rings.add(new double[] {Math.max(FIRST_RING, rest * LABEL_SPACING / (2 * Math.PI)), rest});
        } else {
            double radius = FIRST_RING;
            while (rest > 0) {
                int here = Math.min((int) Math.floor(2 * Math.PI * radius / SPACING), rest);
                rings.add(new double[] {radius, here});
                rest -= here;
                radius += RING_STEP;
            }
        }
        double outer = (rings.isEmpty() ? 0 : rings.getLast()[0]) + (labelled ? LABEL_ROOM : 0);
        double cx = WIDTH / 2.0;
        double cy = MARGIN / 2 + outer;
        at.put(component.getFirst(), new double[] {cx, cy, 0});
        int next = 1;
        for (double[] ring : rings) {
            int count = (int) ring[1];
            for (int i = 0; i < count; i++) {
                // Each ring starts at a different angle, so that its nodes fall between those of the ring inside.
                double angle = 2 * Math.PI * i / count - Math.PI / 2 + ring[0] / 1000;
                at.put(component.get(next++), new double[] {cx + ring[0] * Math.cos(angle), cy + ring[0] * Math.sin(angle), angle});
            }
        }
        return cy + outer + MARGIN / 2;
    }

    /** The groups that share among themselves, each a circle, side by side in rows; returns the bottom. */
    private static double circles(List<List<String>> groups, boolean labelled, double top, Map<String, double[]> at) {
        double room = labelled ? LABEL_ROOM : MARGIN / 2;
        double x = 0;
        double rowTop = top;
        double rowHeight = 0;
        for (List<String> group : groups) {
            double radius = Math.max(SPACING, group.size() * (labelled ? LABEL_SPACING : SPACING) / (2 * Math.PI));
            double footprint = 2 * (radius + room);
            if (x + footprint > WIDTH && x > 0) {
                x = 0;
                rowTop += rowHeight;
                rowHeight = 0;
            }
            double cx = x + room + radius;
            double cy = rowTop + room + radius;
            for (int i = 0; i < group.size(); i++) {
                double angle = 2 * Math.PI * i / group.size() - Math.PI / 2;
                at.put(group.get(i), new double[] {cx + radius * Math.cos(angle), cy + radius * Math.sin(angle), angle});
            }
            x += footprint;
            rowHeight = Math.max(rowHeight, footprint);
        }
        return rowTop + rowHeight;
    }

    /** One decimal: enough for a picture, and the same text on every machine. */
    private static double round(double value) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.1f", value));
    }
}
