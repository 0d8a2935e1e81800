package org.dockaudit.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dockaudit.check.Area;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Target;

/**
 * What the HTML report shows, in the order it shows it, as plain values for its template
 * ({@code src/main/jte/report.jte}): every decision about content is taken here, the template
 * only lays it out. Text from the audited host stays text: the template escapes it.
 */
public record HtmlPage(
        String title,
        String source,
        Verdict verdict,
        List<String> threats,
        List<MatrixRow> matrix,
        List<GroupView> topRisks,
        List<FindingView> host,
        List<String> notes,
        List<Card> containers,
        List<AreaGroups> grouped,
        List<WaivedView> waived,
        List<CheckOutcome> undecided,
        NamespaceMap map,
        Map<String, String> unread,
        List<SeccompView> seccomp,
        List<CheckPage> pages,
        List<Choice> areas,
        List<Choice> threatChoices,
        Compliance compliance) {

    /** The severities the filter offers, most severe first. */
    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

    /** The namespace kinds, in the legend's order. */
    public static final List<String> KINDS = NamespaceGraph.KINDS;

    public record Verdict(int findings, long targetsTouched, int targets, List<Count> bySeverity, int undecided) {}

    public record Count(String severity, long count) {}

    public record MatrixRow(String area, String title, List<MatrixCell> cells) {}

    /**
     * @param css  {@code sev-high}, {@code ok}, {@code unknown}, {@code na}, {@code not-audited} or {@code blank}
     * @param area the area its link filters on; empty when the cell has no findings to show
     */
    public record MatrixCell(String css, String text, String tip, String area, String threat) {}

    /**
     * A finding as a card lists it.
     *
     * @param containers the name the container filter matches, {@code |name|}; empty for the host and the daemon
     */
    public record FindingView(String id, String title, String severity, String area, String threats, String target,
            String containers, List<String> evidence, List<Span> remediation) {}

    /**
     * Findings that say the same thing about several targets.
     *
     * @param targets    the targets, each with the anchor of its card when it has one
     * @param containers the names the container filter matches, {@code |a|b|}
     */
    public record GroupView(String id, String title, String severity, String area, String threats, String summary,
            List<TargetLink> targets, String containers, List<String> evidence, List<Span> remediation) {}

    public record TargetLink(String name, String anchor) {}

    /** A piece of a remediation: the text between backticks is a flag or a command, shown as code. */
    public record Span(String text, boolean code) {}

    public record AreaGroups(String area, String title, List<GroupView> groups) {}

    /**
     * One container: its findings and the flags that fix them.
     *
     * @param run the flags to add to {@code docker run}, ready to paste
     */
    public record Card(String name, String anchor, String image, String state, List<Count> counts, List<FindingView> findings,
            String seccomp, String run, List<String> remove, List<String> compose, List<String> composeDelete, List<String> notes,
            ManifestView manifest, ServiceView service) {}

    /** A swarm service: the {@code docker service update} line that hardens it, and what no service flag says. */
    public record ServiceView(String update, List<String> byHand) {}

    /** A Kubernetes manifest's container: the YAML to paste under the container and under the pod spec, and what to delete. */
    public record ManifestView(List<String> container, List<String> pod, List<String> delete, List<String> byHand) {}

    /**
     * A seccomp policy and the containers under it.
     *
     * @param source what it was read from, in words
     */
    public record SeccompView(String anchor, String source, List<TargetLink> containers, List<SeccompPolicy.Abi> abis) {}

    public record WaivedView(FindingView finding, String reason, String by, String expires) {}

    public record CheckPage(String id, String html) {}

    public record Choice(String value, String label) {}

    static HtmlPage of(AuditReport report) {
        Map<String, String> anchors = anchors(report);
        // Each group made a view once: the top risks show the critical and high ones again, by area below.
        List<GroupView> groups = Group.of(report.findings()).stream().map(group -> view(group, anchors)).toList();
        List<GroupView> top = groups.stream()
                .filter(group -> Severity.fromId(group.severity()).compareTo(Severity.HIGH) >= 0).toList();
        List<AreaGroups> grouped = new ArrayList<>();
        for (Area area : Area.values()) {
            List<GroupView> inArea = groups.stream().filter(group -> group.area().equals(area.id())).toList();
            if (!inArea.isEmpty()) {
                grouped.add(new AreaGroups(area.id(), area.title(), inArea));
            }
        }
        List<FindingView> host = report.findings().stream().filter(finding -> finding.target().kind() != Target.Kind.CONTAINER)
                .map(HtmlPage::view).toList();
        // Every check the page links to: its findings, the waived ones, and those that could not decide.
        Set<String> linked = report.findings().stream().map(Finding::id).collect(Collectors.toCollection(java.util.TreeSet::new));
        report.waived().forEach(waived -> linked.add(waived.finding().id()));
        report.undecided().forEach(outcome -> linked.add(outcome.id()));
        List<CheckPage> pages = linked.stream().map(id -> new CheckPage(id, CheckPages.html(id).orElse(""))).toList();
        NamespaceGraph namespaces = report.namespaces() == null ? new NamespaceGraph(List.of(), List.of(), Map.of()) : report.namespaces();
        List<SeccompView> seccomp = seccomp(report, anchors);
        return new HtmlPage(report.tool() + " audit", report.source().describe(), verdict(report),
                List.of(Threat.values()).stream().map(Threat::shortTitle).toList(), matrix(report), top, host, report.notes(),
                cards(report, anchors, policyAnchors(seccomp)), grouped,
                report.waived().stream().map(waived -> new WaivedView(view(waived.finding()), waived.reason(),
                        waived.by() == null ? "" : waived.by(), waived.expires() == null ? "" : waived.expires().toString())).toList(),
                report.undecided(),
                NamespaceMap.of(namespaces, anchors), namespaces.unread(), seccomp, pages,
                List.of(Area.values()).stream().map(area -> new Choice(area.id(), area.title())).toList(),
                List.of(Threat.values()).stream().map(threat -> new Choice(threat.id(), threat.shortTitle())).toList(),
                report.compliance());
    }

    /** Each container's card anchor: its place in the name order, so that any name makes a valid id. */
    private static Map<String, String> anchors(AuditReport report) {
        Map<String, String> anchors = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(report.containers().stream().map(container -> container.target().name()).toList());
        report.findings().stream().filter(finding -> finding.target().kind() == Target.Kind.CONTAINER)
                .forEach(finding -> names.add(finding.target().name()));
        names.stream().distinct().sorted().forEach(name -> anchors.put(name, "container-" + (anchors.size() + 1)));
        return anchors;
    }

    private static Verdict verdict(AuditReport report) {
        Summary summary = report.summary();
        return new Verdict(summary.total(), report.findings().stream().map(Finding::target).distinct().count(),
                summary.targets().values().stream().mapToInt(Integer::intValue).sum(),
                summary.findings().entrySet().stream().map(entry -> new Count(entry.getKey().id(), entry.getValue())).toList(),
                report.undecided().size());
    }

    private static List<MatrixRow> matrix(AuditReport report) {
        List<MatrixRow> rows = new ArrayList<>();
        for (Map.Entry<Area, Map<Threat, Cell>> row : report.matrix().entrySet()) {
            List<MatrixCell> cells = new ArrayList<>();
            for (Threat threat : Threat.values()) {
                Cell cell = row.getValue().get(threat);
                cells.add(switch (cell) {
                    case null -> new MatrixCell("blank", "", "the threat does not apply to this audit point in the SSTIC 2018 table", "", "");
                    case Cell.Found found -> new MatrixCell("sev-" + found.severity().id(),
                            found.severity().id() + " · " + found.targets(),
                            "highest severity " + found.severity().id() + ", on " + found.targets() + " target"
                                    + (found.targets() == 1 ? "" : "s"),
                            row.getKey().id(), threat.id());
                    case Cell.Empty.NONE -> new MatrixCell("ok", "ok", "checked, nothing found", "", "");
                    case Cell.Empty.UNKNOWN -> new MatrixCell("unknown", "unknown", "its checks could not read their facts", "", "");
                    case Cell.Empty.NOT_APPLICABLE -> new MatrixCell("na", "n/a", "its checks do not apply here", "", "");
                    case Cell.Empty.NOT_AUDITED -> new MatrixCell("not-audited", "not audited", "no check covers it", "", "");
                });
            }
            rows.add(new MatrixRow(row.getKey().id(), row.getKey().title(), cells));
        }
        return rows;
    }

    private static List<SeccompView> seccomp(AuditReport report, Map<String, String> anchors) {
        List<SeccompView> views = new ArrayList<>();
        List<SeccompPolicy> policies = report.seccomp() == null ? List.of() : report.seccomp();
        for (int i = 0; i < policies.size(); i++) {
            SeccompPolicy policy = policies.get(i);
            views.add(new SeccompView("seccomp-" + (i + 1), policy.source().equals("kernel")
                    ? "read from the kernel: the filters of the running init" : "from the configuration: the filter its profile will install",
                    policy.containers().stream().map(name -> new TargetLink(name, anchors.getOrDefault(name, ""))).toList(), policy.abis()));
        }
        return views;
    }

    /** The anchor of the seccomp policy each container is under. */
    private static Map<String, String> policyAnchors(List<SeccompView> policies) {
        Map<String, String> anchors = new LinkedHashMap<>();
        policies.forEach(policy -> policy.containers().forEach(container -> anchors.put(container.name(), policy.anchor())));
        return anchors;
    }

    private static List<Card> cards(AuditReport report, Map<String, String> anchors, Map<String, String> policies) {
        Map<String, List<Finding>> findings = report.findings().stream().filter(finding -> finding.target().kind() == Target.Kind.CONTAINER)
                .collect(Collectors.groupingBy(finding -> finding.target().name()));
        Map<String, Hardening> hardening = new LinkedHashMap<>();
        report.hardening().forEach(advice -> hardening.put(advice.target().name(), advice));
        Map<String, AuditReport.ContainerSummary> summaries = new LinkedHashMap<>();
        report.containers().forEach(container -> summaries.put(container.target().name(), container));
        List<Card> cards = new ArrayList<>();
        anchors.forEach((name, anchor) -> {
            List<Finding> own = findings.getOrDefault(name, List.of());
            AuditReport.ContainerSummary summary = summaries.get(name);
            Hardening advice = hardening.get(name);
            cards.add(new Card(name, anchor, summary == null ? "" : summary.image(), summary == null ? "" : summary.state(),
                    counts(own), own.stream().map(HtmlPage::view).toList(), policies.getOrDefault(name, ""),
                    advice == null ? "" : String.join(" ", advice.add()),
                    advice == null ? List.of() : advice.remove(),
                    advice == null ? List.of() : advice.composeLines(),
                    advice == null ? List.of() : advice.composeDelete(),
                    advice == null ? List.of() : advice.notes(),
                    advice == null || advice.manifest() == null ? null : new ManifestView(ManifestFix.block(advice.manifest().container()),
                            ManifestFix.block(advice.manifest().pod()), advice.manifest().delete(), advice.manifest().byHand()),
                    advice == null || advice.service() == null ? null : new ServiceView(advice.service().command(name),
                            advice.service().byHand())));
        });
        return cards;
    }

    private static List<Count> counts(List<Finding> findings) {
        Map<Severity, Long> by = findings.stream().collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
        return by.entrySet().stream().sorted(Map.Entry.<Severity, Long>comparingByKey().reversed())
                .map(entry -> new Count(entry.getKey().id(), entry.getValue())).toList();
    }

    private static FindingView view(Finding finding) {
        String containers = finding.target().kind() == Target.Kind.CONTAINER ? "|" + finding.target().name() + "|" : "";
        return new FindingView(finding.id(), finding.title(), finding.severity().id(), finding.area().id(), threats(finding),
                finding.target().label(), containers, finding.evidence(), spans(finding.remediation()));
    }

    private static GroupView view(Group group, Map<String, String> anchors) {
        Finding first = group.first();
        List<TargetLink> targets = group.findings().stream().map(Finding::target)
                .map(target -> new TargetLink(target.name(), target.kind() == Target.Kind.CONTAINER ? anchors.getOrDefault(target.name(), "") : ""))
                .toList();
        Set<String> containers = new LinkedHashSet<>();
        group.findings().stream().filter(finding -> finding.target().kind() == Target.Kind.CONTAINER)
                .forEach(finding -> containers.add(finding.target().name()));
        List<String> evidence = group.findings().size() == 1 ? first.evidence() : group.evidence();
        return new GroupView(first.id(), first.title(), group.severity().id(), first.area().id(), threats(first), group.targets(), targets,
                containers.isEmpty() ? "" : "|" + String.join("|", containers) + "|", evidence, spans(first.remediation()));
    }

    static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        String[] parts = text.split("`", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                // An unpaired last backtick leaves its text plain.
                spans.add(new Span(parts[i], i % 2 == 1 && i < parts.length - 1));
            }
        }
        return spans;
    }

    private static String threats(Finding finding) {
        return finding.threats().stream().map(Threat::id).collect(Collectors.joining(" "));
    }

    /** Severities in the filter's order, most severe first (for the template's loops). */
    public List<String> severities() {
        return SEVERITIES;
    }

    public List<String> kinds() {
        return KINDS;
    }

    /** The container names the container filter offers. */
    public List<String> containerNames() {
        return containers.stream().map(Card::name).toList();
    }
}
