package org.dockaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.CheckResult;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.Cis;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Snapshot;
import org.dockaudit.model.Target;
import org.dockaudit.model.Tool;

/**
 * The audit's result, in the shape of the JSON report (docs/report-format.md): findings, every
 * check outcome, the recap matrix of the seed (area, threat, highest severity) and a summary.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditReport(
        int formatVersion,
        String tool,
        Source source,
        List<Finding> findings,
        List<CheckOutcome> checks,
        Map<Area, Map<Threat, Cell>> matrix,
        List<Hardening> hardening,
        Summary summary,
        List<String> notes,
        List<ContainerSummary> containers,
        List<Waivers.Waived> waived,
        NamespaceGraph namespaces,
        List<SeccompPolicy> seccomp,
        @JsonInclude(JsonInclude.Include.NON_NULL) Compliance compliance) {

    /** One container as the report's table lists it: its image as configured, and its state. */
    public record ContainerSummary(Target target, String image, String state) {}

    public static final int FORMAT_VERSION = 1;

    /**
     * Where the facts came from.
     *
     * @param kind        {@code live}, {@code inspect}, {@code compose} or {@code kubernetes}
     * @param engine      Docker version, API version and kernel when known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String kind, String collectedAt, String engine) {

        /** "live host, Docker 20.10.24 (API 1.41), kernel 6.1.0, collected 2026-11-28T12:25:29Z". */
        public String describe() {
            StringBuilder text = new StringBuilder(switch (kind) {
                case "live" -> "live host";
                case "compose" -> "from a Compose file";
                case "kubernetes" -> "from Kubernetes manifests";
                default -> "from inspect output";
            });
            if (engine != null) {
                text.append(", ").append(engine);
            }
            if (collectedAt != null) {
                text.append(", collected ").append(collectedAt);
            }
            return text.toString();
        }
    }

    public static AuditReport of(Snapshot snapshot, List<CheckResult> results) {
        List<Finding> findings = new ArrayList<>();
        List<CheckOutcome> outcomes = new ArrayList<>();
        Map<Outcome.Status, Integer> outcomeCounts = new LinkedHashMap<>();
        for (Outcome.Status status : Outcome.Status.values()) {
            outcomeCounts.put(status, 0);
        }
        Map<Target.Kind, Integer> targets = new LinkedHashMap<>();
        java.util.Set<String> seenTargets = new java.util.HashSet<>();
        for (CheckResult result : results) {
            outcomes.add(new CheckOutcome(result.check().id(), result.target(), result.outcome().status(), detail(result.outcome())));
            outcomeCounts.merge(result.outcome().status(), 1, Integer::sum);
            String key = result.target().kind().id() + "/" + result.target().id();
            if (seenTargets.add(key)) {
                targets.merge(result.target().kind(), 1, Integer::sum);
            }
            if (result.outcome() instanceof Outcome.Fail fail) {
                findings.add(finding(snapshot, result.check(), result, fail));
            }
        }
        findings.sort(Comparator.comparing(Finding::severity).reversed()
                .thenComparing(f -> f.area().ordinal())
                .thenComparing(f -> f.target().name())
                .thenComparing(Finding::id));
        Map<Severity, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)) {
            bySeverity.put(severity, (int) findings.stream().filter(f -> f.severity() == severity).count());
        }
        // A set, not a scan of the results per container: 10,000 containers have 690,000 results.
        java.util.Set<Target> audited = new java.util.HashSet<>(results.stream().map(CheckResult::target).toList());
        return new AuditReport(FORMAT_VERSION, Tool.nameAndVersion(),
                new Source(snapshot.source(), snapshot.collectedAt(), engine(snapshot)),
                findings, outcomes, matrix(results, findings), Hardening.of(snapshot, results),
                new Summary(targets, outcomeCounts, bySeverity, findings.size()), snapshot.notes(),
                snapshot.containers().stream().map(record -> new ContainerContext(record, snapshot))
                        .filter(container -> audited.contains(container.target()))
                        .map(container -> new ContainerSummary(container.target(),
                                container.inspect().path("Config").path("Image").asText(""),
                                container.inspect().path("State").path("Status").asText("")))
                        .toList(), List.of(), NamespaceGraph.of(snapshot), SeccompPolicy.of(snapshot), null);
    }

    /** The same report with the view of its check outcomes against a benchmark ({@code --compliance}). */
    public AuditReport withCompliance(String benchmark) {
        return new AuditReport(formatVersion, tool, source, findings, checks, matrix, hardening, summary, notes, containers, waived,
                namespaces, seccomp, Compliance.of(benchmark, checks));
    }

    /** The same report showing only the findings that pass {@code shown}; counts, checks and matrix stay whole. */
    public AuditReport showing(java.util.function.Predicate<Finding> shown) {
        return new AuditReport(formatVersion, tool, source, findings.stream().filter(shown).toList(), checks, matrix, hardening,
                summary, notes, containers, waived, namespaces, seccomp, compliance);
    }

    /** The checks that could not decide: an unknown fact, or an error. */
    public List<CheckOutcome> undecided() {
        return checks.stream().filter(check -> check.outcome() == Outcome.Status.UNKNOWN || check.outcome() == Outcome.Status.ERROR)
                .toList();
    }

    /** Highest severity found in this report, if any finding. */
    public Optional<Severity> highestSeverity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    private static Finding finding(Snapshot snapshot, CheckInfo info, CheckResult result, Outcome.Fail fail) {
        List<String> references = new ArrayList<>();
        for (String section : info.cis()) {
            references.add(Cis.reference(section));
        }
        return new Finding(info.id(), info.title(), fail.severity(), info.area(), List.of(info.threats()),
                result.target(), fail.evidence(), fail.remediation() == null ? info.remediation() : fail.remediation(),
                references, fail.fix(), location(snapshot, result, fail));
    }

    private static Finding.Location location(Snapshot snapshot, CheckResult result, Outcome.Fail fail) {
        org.dockaudit.model.SourceLocation source = snapshot.sources().get(result.target().id());
        return source == null ? null : new Finding.Location(source.file(), source.lineFor(String.join("\n", fail.evidence())));
    }

    private static String detail(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Pass pass -> pass.evidence();
            case Outcome.Fail fail -> String.join("; ", fail.evidence());
            case Outcome.NotApplicable notApplicable -> notApplicable.reason();
            case Outcome.Unknown unknown -> unknown.reason();
            case Outcome.Error error -> error.message();
        };
    }

    /**
     * Area by threat: the highest severity found; "none" when a check of the area that judges the
     * threat passed or failed and nothing was found for it; else "unknown", "not-applicable" or
     * "not-audited", from what its checks said.
     */
    private static Map<Area, Map<Threat, Cell>> matrix(List<CheckResult> results, List<Finding> findings) {
        Map<Area, Map<Threat, Cell>> matrix = new EnumMap<>(Area.class);
        // A check's metadata is an annotation, whose members are read through a proxy (an array
        // member copied at each read): read once per check, not once per result.
        Map<CheckInfo, List<Threat>> threatsOf = new java.util.IdentityHashMap<>();
        // What the area's checks said, in one pass over the results: all of them, and those that
        // judge each threat.
        Map<Area, java.util.Set<Outcome.Status>> said = new EnumMap<>(Area.class);
        Map<Area, Map<Threat, java.util.Set<Outcome.Status>>> judged = new EnumMap<>(Area.class);
        for (CheckResult result : results) {
            Area area = result.check().area();
            Outcome.Status status = result.outcome().status();
            said.computeIfAbsent(area, a -> java.util.EnumSet.noneOf(Outcome.Status.class)).add(status);
            for (Threat threat : threatsOf.computeIfAbsent(result.check(), check -> List.of(check.threats()))) {
                judged.computeIfAbsent(area, a -> new EnumMap<>(Threat.class))
                        .computeIfAbsent(threat, t -> java.util.EnumSet.noneOf(Outcome.Status.class)).add(status);
            }
        }
        for (Area area : Area.values()) {
            Map<Threat, Cell> row = new EnumMap<>(Threat.class);
            for (Threat threat : area.threats()) {
                // Only the checks that judge this threat can make its cell "none": a pass on another
                // threat of the area says nothing of this one. With none of them run, the area's
                // undecided checks still make it unknown.
                java.util.Set<Outcome.Status> statuses = judged.getOrDefault(area, Map.of()).get(threat);
                if (statuses == null) {
                    statuses = java.util.EnumSet.noneOf(Outcome.Status.class);
                    statuses.addAll(said.getOrDefault(area, java.util.Set.of()));
                    statuses.removeAll(java.util.EnumSet.of(Outcome.Status.PASS, Outcome.Status.FAIL));
                }
                row.put(threat, statuses.contains(Outcome.Status.PASS) || statuses.contains(Outcome.Status.FAIL) ? Cell.Empty.NONE
                        : statuses.contains(Outcome.Status.UNKNOWN) || statuses.contains(Outcome.Status.ERROR) ? Cell.Empty.UNKNOWN
                        : statuses.contains(Outcome.Status.NOT_APPLICABLE) ? Cell.Empty.NOT_APPLICABLE
                        : Cell.Empty.NOT_AUDITED);
            }
            matrix.put(area, row);
        }
        Map<String, Area[]> alsoCountsFor = new java.util.HashMap<>();
        results.forEach(result -> alsoCountsFor.putIfAbsent(result.check().id(), result.check().alsoCountsFor()));
        Map<Area, Map<Threat, java.util.Set<Target>>> covered = new EnumMap<>(Area.class);
        for (Finding finding : findings) {
            List<Area> areas = new ArrayList<>(List.of(finding.area()));
            areas.addAll(List.of(alsoCountsFor.getOrDefault(finding.id(), new Area[0])));
            for (Area area : areas) {
                Map<Threat, Cell> row = matrix.get(area);
                for (Threat threat : finding.threats()) {
                    // A threat the seed's table does not give that audit point stays blank there.
                    if (area != finding.area() && !area.threats().contains(threat)) {
                        continue;
                    }
                    java.util.Set<Target> targets = covered.computeIfAbsent(area, a -> new EnumMap<>(Threat.class))
                            .computeIfAbsent(threat, t -> new java.util.HashSet<>());
                    targets.add(finding.target());
                    Severity highest = row.get(threat) instanceof Cell.Found found && found.severity().compareTo(finding.severity()) > 0
                            ? found.severity() : finding.severity();
                    row.put(threat, new Cell.Found(highest, targets.size()));
                }
            }
        }
        return matrix;
    }

    private static String engine(Snapshot snapshot) {
        if (snapshot.daemon() == null || !snapshot.daemon().version().known()) {
            return null;
        }
        var version = snapshot.daemon().version().value();
        String inferred = version.path("Components").path(0).path("Details").path("InferredFrom").asText("");
        if (!inferred.isEmpty()) {
            return "Podman, as its " + inferred + " shows";
        }
        return (snapshot.daemon().podman() ? "Podman " : "Docker ") + version.path("Version").asText("?") + " (API " + version.path("ApiVersion").asText("?")
                + "), kernel " + version.path("KernelVersion").asText("?");
    }
}
