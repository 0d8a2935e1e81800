package org.dockaudit.report;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dockaudit.check.Area;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Target;

/** The report for a person: findings grouped by area then target, a summary and the recap table. */
public final class TextReport extends TextFormat<AuditReport> {

    @Override
    protected void print(AuditReport report, PrintWriter out, Options options) {
        new Rendering(options.color(), options.details()).write(report, out);
    }

    /** One report, with or without colors. */
    private static final class Rendering {

        private final boolean color;
        private final boolean details;
        /** Findings on containers of Kubernetes manifests: their fix also in the manifest's fields. */
        private boolean manifests;

        Rendering(boolean color, boolean details) {
            this.color = color;
            this.details = details;
        }

        void write(AuditReport report, PrintWriter out) {
            manifests = "kubernetes".equals(report.source().kind());
            out.println(bold(report.tool() + " audit") + " — " + safe(report.source().describe()));
            if (report.compliance() != null) {
                // Asked for a benchmark's view: that is the report; --format json keeps both.
                compliance(report.compliance(), out);
                summary(report, out);
                out.flush();
                return;
            }
            if (details) {
                byArea(report, out);
            } else {
                List<Group> groups = Group.of(report.findings());
                verdict(report, groups, out);
                grouped(groups, out);
                containers(report, out);
            }
            waived(report, out);
            undetermined(report, out);
            if (!report.notes().isEmpty()) {
                out.println();
                out.println(bold("== Notes"));
                report.notes().forEach(note -> out.println("  - " + safe(note)));
            }
            hardening(report, out);
            summary(report, out);
            recap(report, out);
            out.flush();
        }

        /** Each item of the benchmark with its status, the checks that decide it and what fails it; the scores. */
        private void compliance(Compliance compliance, PrintWriter out) {
            out.println();
            out.println(bold("== " + compliance.title()));
            out.println("  score " + compliance.score().value() + " over " + compliance.score().scoredItems()
                    + " scored items (docker-bench's rule: a scored item that passes +1, one that fails -1)");
            for (Compliance.Section section : compliance.sections()) {
                out.println();
                out.println(bold(section.id() + " " + section.title()) + ": score " + section.score().value() + " ("
                        + section.statuses().entrySet().stream().filter(e -> e.getValue() > 0)
                                .map(e -> e.getValue() + " " + e.getKey().id()).collect(Collectors.joining(", ")) + ")");
                List<String> unchecked = new ArrayList<>();
                for (Compliance.Item item : compliance.itemsOf(section)) {
                    if (item.checks().isEmpty() && item.status() == Compliance.Status.UNKNOWN) {
                        unchecked.add(item.id());
                        continue;
                    }
                    String status = String.format("%-14s", item.status() == Compliance.Status.FAIL ? "FAIL" : item.status().id());
                    out.printf("  %-7s %s %s%s%n", item.id(), item.status() == Compliance.Status.FAIL ? paint(Severity.HIGH, status) : status,
                            safe(item.title()) + (item.scored() ? "" : " (not scored)"),
                            item.checks().isEmpty() ? "" : " [" + String.join(", ", item.checks()) + "]");
                    if (!item.failing().isEmpty()) {
                        out.println("          failing: " + safe(String.join(", ", item.failing())));
                    }
                    if (item.reason() != null && item.status() != Compliance.Status.PASS) {
                        out.println("          " + safe(item.reason()));
                    }
                }
                if (!unchecked.isEmpty()) {
                    out.println("  unknown: no dockaudit check for " + String.join(", ", unchecked) + " yet (--format json lists their titles)");
                }
            }
        }

        /** The opening: counts by severity and how many targets they touch. */
        private void verdict(AuditReport report, List<Group> groups, PrintWriter out) {
            Summary summary = report.summary();
            out.println();
            out.println(bold("== Verdict"));
            long targets = report.findings().stream().map(Finding::target).distinct().count();
            out.println("  " + summary.total() + " findings on " + targets + " of "
                    + summary.targets().values().stream().mapToInt(Integer::intValue).sum() + " targets"
                    + (summary.total() == 0 ? "" : ": " + summary.findings().entrySet().stream()
                            .filter(e -> e.getValue() > 0).map(e -> e.getValue() + " " + severity(e.getKey()))
                            .collect(Collectors.joining(", "))));
            int open = report.undecided().size();
            if (open > 0) {
                out.println("  " + open + " checks could not decide (listed under \"Not determined\"): unknown is not a pass");
            }
            List<Group> top = groups.stream()
                    .filter(group -> group.severity().compareTo(Severity.HIGH) >= 0).toList();
            if (!top.isEmpty()) {
                out.println();
                out.println(bold("== Top risks (critical and high)"));
                top.forEach(group -> printGroup(group, out));
            }
        }

        /** Every finding, grouped: same check, same severity, same evidence once the target is masked. */
        private void grouped(List<Group> groups, PrintWriter out) {
            List<Group> rest = groups.stream()
                    .filter(group -> group.severity().compareTo(Severity.HIGH) < 0).toList();
            if (rest.isEmpty()) {
                return;
            }
            out.println();
            out.println(bold("== Other findings, grouped (--details: every finding of every target)"));
            for (Area area : Area.values()) {
                List<Group> inArea = rest.stream().filter(group -> group.first().area() == area).toList();
                if (!inArea.isEmpty()) {
                    out.println("  " + bold(area.title()));
                    inArea.forEach(group -> printGroup(group, out));
                }
            }
        }

        private void printGroup(Group group, PrintWriter out) {
            Finding first = group.first();
            out.println("    " + severity(group.severity()) + " " + first.id() + " " + safe(first.title()) + ": " + safe(group.targets()));
            // One target: its own evidence, pids and all; several: what they share, masked.
            for (String evidence : group.findings().size() == 1 ? first.evidence() : group.evidence()) {
                out.println("        - " + safe(evidence));
            }
            fix(first, out);
            out.println("        how it decides, and examples: dockaudit checks " + first.id());
        }

        /** Accepted risks: out of the gate and of the top risks, still in sight with their reason. */
        private void waived(AuditReport report, PrintWriter out) {
            if (report.waived().isEmpty()) {
                return;
            }
            out.println();
            out.println(bold("== Waived (accepted risks, outside the gate)"));
            for (Waivers.Waived waived : report.waived()) {
                Finding finding = waived.finding();
                out.println("    " + severity(finding.severity()) + " " + finding.id() + " " + safe(finding.title()) + ": "
                        + safe(finding.target().label()));
                out.println("        accepted: " + safe(waived.reason()) + (waived.by() == null ? "" : " (" + safe(waived.by()) + ")")
                        + (waived.expires() == null ? "" : ", until " + waived.expires()));
            }
        }

        /** One line per container: its image, its state, and its findings by severity. */
        private void containers(AuditReport report, PrintWriter out) {
            if (report.containers().isEmpty()) {
                return;
            }
            Map<Target, Map<Severity, Long>> counts = report.findings().stream().collect(Collectors.groupingBy(Finding::target,
                    Collectors.groupingBy(Finding::severity, Collectors.counting())));
            int width = Math.max(9, report.containers().stream().mapToInt(c -> c.target().name().length()).max().orElse(9));
            out.println();
            out.println(bold("== Containers"));
            out.println(String.format("  %-" + width + "s  %-24s %-10s %4s %4s %4s %4s", "container", "image", "state", "crit", "high", "med", "low"));
            report.containers().stream().sorted(java.util.Comparator.comparing(c -> c.target().name())).forEach(container -> {
                Map<Severity, Long> by = counts.getOrDefault(container.target(), Map.of());
                out.println(String.format("  %-" + width + "s  %-24s %-10s %4d %4d %4d %4d", safe(container.target().name()),
                        safe(abbreviate(container.image(), 24)), safe(container.state()), by.getOrDefault(Severity.CRITICAL, 0L),
                        by.getOrDefault(Severity.HIGH, 0L), by.getOrDefault(Severity.MEDIUM, 0L), by.getOrDefault(Severity.LOW, 0L)));
            });
        }

        private static String abbreviate(String text, int width) {
            return text.length() <= width ? text : text.substring(0, width - 3) + "...";
        }

        /** Per area, per target, every finding: the report before grouping ({@code --details}). */
        private void byArea(AuditReport report, PrintWriter out) {
            for (Area area : Area.values()) {
                List<Finding> inArea = report.findings().stream().filter(f -> f.area() == area).toList();
                if (inArea.isEmpty()) {
                    continue;
                }
                out.println();
                out.println(bold("== " + area.title() + " [" + area.id() + "]"));
                Map<Target, List<Finding>> byTarget = inArea.stream()
                        .collect(Collectors.groupingBy(Finding::target, LinkedHashMap::new, Collectors.toList()));
                byTarget.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey((a, b) -> a.name().compareTo(b.name())))
                        .forEach(entry -> {
                            Target target = entry.getKey();
                            out.println("  " + target.kind().id() + " " + bold(safe(target.name()))
                                    + (target.id() == null || target.id().isEmpty() ? "" : " (" + safe(Target.shortId(target.id())) + ")"));
                            for (Finding finding : entry.getValue()) {
                                out.println("    " + severity(finding.severity()) + " " + finding.id() + " " + safe(finding.title()));
                                for (String evidence : finding.evidence()) {
                                    out.println("        - " + safe(evidence));
                                }
                                fix(finding, out);
                                if (!finding.references().isEmpty()) {
                                    out.println("        see: " + String.join(", ", finding.references()));
                                }
                            }
                        });
            }
        }

        private void undetermined(AuditReport report, PrintWriter out) {
            List<CheckOutcome> open = report.undecided();
            if (open.isEmpty()) {
                return;
            }
            out.println();
            out.println(bold("== Not determined (unknown is not a pass)"));
            for (CheckOutcome outcome : open) {
                out.println("  " + outcome.outcome().id() + " " + outcome.id() + " on " + safe(outcome.target().label()) + ": "
                        + safe(outcome.detail()));
            }
        }

        /** Ready-to-paste flags per container, and the Compose keys that say the same. */
        private void hardening(AuditReport report, PrintWriter out) {
            if (report.hardening().isEmpty()) {
                return;
            }
            out.println();
            out.println(bold(details ? "== Hardening, per container" : "== Hardening (containers that need the same flags share a block)"));
            // Blocks that say the same thing are printed once, naming every container they are for.
            for (List<Hardening> block : Hardening.blocks(report.hardening(), details)) {
                Hardening advice = block.getFirst();
                out.println("  " + bold(safe(block.size() == 1 ? advice.target().name()
                        : Group.named(block.stream().map(Hardening::target).toList()))) + ":");
                // Said in the terms of what the container is declared by: a manifest, a swarm service, or docker run.
                if (advice.manifest() != null) {
                    manifest(advice.manifest(), out);
                } else if (advice.service() != null) {
                    service(block, out);
                } else {
                    run(advice, out);
                }
                advice.notes().forEach(note -> out.println("    note:   " + safe(note)));
            }
        }

        /** The check's remedy; for a manifest's container, also the finding's own fix in the manifest's fields. */
        private void fix(Finding finding, PrintWriter out) {
            out.println("        fix: " + safe(finding.remediation()));
            if (manifests && finding.fix() != null && !finding.fix().isEmpty()) {
                ManifestFix fix = ManifestFix.of(finding.fix().composeSet(), finding.fix().composeDelete());
                List<String> said = new java.util.ArrayList<>();
                if (!fix.container().isEmpty()) {
                    said.add("under the container " + ManifestFix.flow(fix.container()));
                }
                if (!fix.pod().isEmpty()) {
                    said.add("under the pod spec " + ManifestFix.flow(fix.pod()));
                }
                if (!fix.delete().isEmpty()) {
                    said.add("delete " + String.join("; ", fix.delete()));
                }
                if (!said.isEmpty()) {
                    out.println("        in the manifest: " + safe(String.join("; ", said)));
                }
            }
        }

        /** The docker run flags to add and to remove, and the same as Compose keys. */
        private void run(Hardening advice, PrintWriter out) {
            if (!advice.add().isEmpty()) {
                out.println("    add:    " + safe(String.join(" ", advice.add())));
            }
            if (!advice.remove().isEmpty()) {
                out.println("    remove: " + safe(String.join(", ", advice.remove())));
            }
            if (!advice.compose().isEmpty() && details) {
                out.println("    compose:");
                advice.composeLines().forEach(line -> out.println("      " + safe(line)));
            } else if (!advice.compose().isEmpty()) {
                // One line, and still YAML: a flow mapping pastes under the service as it is.
                out.println("    compose: {" + safe(String.join(", ", advice.composeLines())) + "}");
            }
            if (!advice.composeDelete().isEmpty()) {
                out.println("    compose, delete: " + safe(String.join("; ", advice.composeDelete())));
            }
        }

        /**
         * Swarm services that need the same flags: a docker service update line each (the command
         * updates one service), and what no service flag says.
         */
        private void service(List<Hardening> block, PrintWriter out) {
            Hardening advice = block.getFirst();
            for (Hardening each : block) {
                if (!each.service().update().isEmpty()) {
                    out.println("    " + safe(each.service().command(each.target().name())));
                }
            }
            if (!advice.service().byHand().isEmpty()) {
                out.println("    no service flag (Compose form): " + safe(String.join("; ", advice.service().byHand())));
            }
        }

        /** A manifest's container: its fields to set, as YAML to paste, and those to delete. */
        private void manifest(ManifestFix fix, PrintWriter out) {
            if (!fix.container().isEmpty()) {
                out.println("    under the container: " + safe(ManifestFix.flow(fix.container())));
            }
            if (!fix.pod().isEmpty()) {
                out.println("    under the pod spec:  " + safe(ManifestFix.flow(fix.pod())));
            }
            if (!fix.delete().isEmpty()) {
                out.println("    delete: " + safe(String.join("; ", fix.delete())));
            }
            if (!fix.byHand().isEmpty()) {
                out.println("    no manifest field (Compose form): " + safe(String.join("; ", fix.byHand())));
            }
        }

        private void summary(AuditReport report, PrintWriter out) {
            Summary summary = report.summary();
            out.println();
            out.println(bold("== Summary"));
            out.println("  targets: " + (summary.targets().isEmpty() ? "none" : summary.targets().entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().id() + (e.getValue() == 1 ? "" : "s"))
                    .collect(Collectors.joining(", "))));
            out.println("  checks:  " + join(summary.outcomes()));
            out.println("  findings: " + summary.total() + (summary.total() == 0 ? "" : " (" + summary.findings().entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(e -> e.getValue() + " " + severity(e.getKey()))
                    .collect(Collectors.joining(", ")) + ")"));
        }

        /** The seed's recap table, each cell the highest severity found for that area and threat. */
        private void recap(AuditReport report, PrintWriter out) {
            out.println();
            out.println(bold("== Recap: audit points by threat (highest severity found" + (details ? ")" : ", and on how many targets)")));
            matrix(report.matrix(), details, this::paint, out);
        }

        private static String join(Map<Outcome.Status, Integer> counts) {
            return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().id()).collect(Collectors.joining(", "));
        }

        private String severity(Severity severity) {
            return paint(severity, severity.id().toUpperCase(java.util.Locale.ROOT));
        }

        private String paint(Severity severity, String text) {
            if (!color) {
                return text;
            }
            String code = switch (severity) {
                case CRITICAL -> "1;35";
                case HIGH -> "1;31";
                case MEDIUM -> "33";
                case LOW -> "36";
                case INFO -> "2";
            };
            return "\u001b[" + code + "m" + text + "\u001b[0m";
        }

        /** Every piece of text that may come from the audited host goes through here before printing. */
        private static String safe(String text) {
            return Terminal.escape(text);
        }

        private String bold(String text) {
            return color ? "\u001b[1m" + text + "\u001b[0m" : text;
        }
    }

    /**
     * A recap matrix, a row per audit point and a column per threat: "ok" for none found, the
     * highest severity with the number of targets (only the severity under {@code details}), or
     * why nothing is known.
     */
    static void matrix(Map<Area, Map<Threat, Cell>> matrix, boolean details, java.util.function.BiFunction<Severity, String, String> paint,
            PrintWriter out) {
        StringBuilder header = new StringBuilder(String.format("  %-44s", "audit point"));
        for (Threat threat : Threat.values()) {
            header.append(String.format("%-16s", threat.shortTitle()));
        }
        out.println(header.toString().stripTrailing());
        for (Map.Entry<Area, Map<Threat, Cell>> row : matrix.entrySet()) {
            StringBuilder line = new StringBuilder(String.format("  %-44s", row.getKey().title()));
            for (Threat threat : Threat.values()) {
                Cell cell = row.getValue().get(threat);
                String shown = cell == null ? "" : cell == Cell.Empty.NONE ? "ok"
                        : cell instanceof Cell.Found found && !details ? found.id() + " (" + found.targets() + ")"
                        : cell.id().replace('-', ' ');
                String padded = String.format("%-16s", shown);
                line.append(cell instanceof Cell.Found found ? paint.apply(found.severity(), padded) : padded);
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("  (blank: the threat does not apply to that audit point in the SSTIC 2018 recap table)");
    }
}
