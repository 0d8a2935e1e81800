package org.dockaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dockaudit.check.Area;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Target;

/**
 * Several hosts' audits as one: each node's report, the nodes that gave none (named, with why),
 * one recap matrix over the fleet, and each finding that several nodes share.
 *
 * @param matrix per cell, the highest severity over the nodes and the targets it covers in all;
 *               unknown on one node and clean elsewhere stays unknown
 * @param shared the same check at the same severity on targets of the same kind, on more than one
 *               node, most severe first
 */
public record FleetReport(int formatVersion, String tool, List<Node> nodes, List<Unanswered> unanswered,
        Map<Area, Map<Threat, Cell>> matrix, List<Shared> shared) {

    /** @param source the snapshot file it was read from */
    public record Node(String name, String source, AuditReport report) {}

    public record Unanswered(String name, String reason) {}

    /** @param targets how many targets have it, over those nodes */
    public record Shared(String id, String title, Severity severity, Target.Kind kind, List<String> nodes, int targets) {}

    public static FleetReport of(String tool, List<Node> nodes, List<Unanswered> unanswered) {
        Map<Area, Map<Threat, Cell>> matrix = new EnumMap<>(Area.class);
        for (Node node : nodes) {
            node.report().matrix().forEach((area, row) -> row.forEach((threat, cell) ->
                    matrix.computeIfAbsent(area, a -> new EnumMap<>(Threat.class)).merge(threat, cell, FleetReport::worse)));
        }
        Map<String, List<Finding>> byKey = new LinkedHashMap<>();
        Map<String, TreeSet<String>> nodesOf = new LinkedHashMap<>();
        for (Node node : nodes) {
            for (Finding finding : node.report().findings()) {
                String key = finding.id() + "|" + finding.severity() + "|" + finding.target().kind();
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(finding);
                nodesOf.computeIfAbsent(key, k -> new TreeSet<>()).add(node.name());
            }
        }
        List<Shared> shared = new ArrayList<>();
        byKey.forEach((key, findings) -> {
            if (nodesOf.get(key).size() > 1) {
                Finding first = findings.getFirst();
                shared.add(new Shared(first.id(), first.title(), first.severity(), first.target().kind(), List.copyOf(nodesOf.get(key)),
                        findings.size()));
            }
        });
        shared.sort(Comparator.comparing(Shared::severity).reversed().thenComparing(Shared::id).thenComparing(s -> s.kind().id()));
        return new FleetReport(1, tool, List.copyOf(nodes), List.copyOf(unanswered), matrix, List.copyOf(shared));
    }

    /** A finding beats nothing; the higher severity wins and the targets add up; unknown beats "none". */
    private static Cell worse(Cell a, Cell b) {
        if (a instanceof Cell.Found x && b instanceof Cell.Found y) {
            return new Cell.Found(x.severity().max(y.severity()), x.targets() + y.targets());
        }
        if (a instanceof Cell.Found || b instanceof Cell.Found) {
            return a instanceof Cell.Found ? a : b;
        }
        List<Cell.Empty> order = List.of(Cell.Empty.UNKNOWN, Cell.Empty.NONE, Cell.Empty.NOT_APPLICABLE, Cell.Empty.NOT_AUDITED);
        return order.indexOf((Cell.Empty) a) <= order.indexOf((Cell.Empty) b) ? a : b;
    }

    /** The fleet in words: nodes, who did not answer, what they share, the recap. */
    public static final class Text implements ReportFormat<FleetReport> {

        @Override
        public String name() {
            return "text";
        }

        @Override
        public void write(FleetReport fleet, OutputStream stream, Options options) throws IOException {
            PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
            out.println(fleet.tool() + " fleet — " + fleet.nodes().size() + " node(s) audited"
                    + (fleet.unanswered().isEmpty() ? "" : ", " + fleet.unanswered().size() + " did not answer"));
            out.println();
            out.println("== Nodes");
            for (Node node : fleet.nodes()) {
                Summary summary = node.report().summary();
                out.println("  " + Terminal.escape(node.name()) + ": " + summary.total() + " findings ("
                        + summary.findings().entrySet().stream().filter(e -> e.getValue() > 0)
                                .map(e -> e.getValue() + " " + e.getKey().id().toUpperCase(java.util.Locale.ROOT)).reduce((x, y) -> x + ", " + y)
                                .orElse("none")
                        + "), " + node.report().undecided().size() + " undecided; from " + Terminal.escape(node.source()));
            }
            if (!fleet.unanswered().isEmpty()) {
                out.println();
                out.println("== Did not answer");
                fleet.unanswered().forEach(node -> out.println("  " + Terminal.escape(node.name()) + ": " + Terminal.escape(node.reason())));
            }
            out.println();
            out.println("== Same finding on several nodes");
            if (fleet.shared().isEmpty()) {
                out.println("  none");
            }
            for (Shared shared : fleet.shared()) {
                out.println("  " + shared.severity().id().toUpperCase(java.util.Locale.ROOT) + " " + shared.id() + " " + shared.title() + ": "
                        + shared.nodes().size() + " nodes (" + Terminal.escape(String.join(", ", shared.nodes())) + "), "
                        + shared.targets() + " " + shared.kind().id() + "(s)");
            }
            out.println();
            out.println("== Fleet recap: audit points by threat (highest severity over the nodes, and on how many targets)");
            TextReport.matrix(fleet.matrix(), false, (severity, text) -> text, out);
            out.println();
            out.println("Each node's whole report: --format json (nodes[].report), or dockaudit analyze on its snapshot.");
            out.flush();
        }
    }
}
