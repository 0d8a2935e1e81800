package org.dockaudit.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dockaudit.check.Severity;
import org.dockaudit.model.Json;

/**
 * What changed between two audits: findings new in the later one, fixed since the earlier one,
 * and unchanged, matched by {@link Finding#fingerprint()} (so that a container re-created under
 * its name is the same target). The loop of an audit: audit, harden, re-audit, show what the
 * hardening fixed.
 *
 * @param severityChanged findings of both audits whose severity moved, as they are now
 */
public record ReportDiff(String before, String after, List<Finding> added, List<Finding> fixed, List<Finding> unchanged,
        List<Finding> severityChanged) {

    /** A JSON report that cannot be read as one: the message names the file and what is wrong. */
    public static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    /** The findings of a JSON report ({@code audit --format json}). */
    public static List<Finding> findings(String name, JsonNode report) throws FormatException {
        if (report.path("formatVersion").asInt(0) != AuditReport.FORMAT_VERSION || !report.path("findings").isArray()) {
            throw new FormatException(name + ": not a dockaudit JSON report (format version " + AuditReport.FORMAT_VERSION
                    + " with findings)");
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode finding : report.path("findings")) {
            try {
                findings.add(Json.MAPPER.treeToValue(finding, Finding.class));
            } catch (Exception e) {
                throw new FormatException(name + ": finding " + findings.size() + " cannot be read: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return findings;
    }

    public static ReportDiff between(String before, List<Finding> old, String after, List<Finding> now) {
        Map<String, Finding> earlier = byFingerprint(old);
        Map<String, Finding> later = byFingerprint(now);
        List<Finding> added = new ArrayList<>();
        List<Finding> unchanged = new ArrayList<>();
        List<Finding> moved = new ArrayList<>();
        later.forEach((fingerprint, finding) -> {
            Finding was = earlier.get(fingerprint);
            if (was == null) {
                added.add(finding);
            } else if (was.severity() != finding.severity()) {
                moved.add(finding);
            } else {
                unchanged.add(finding);
            }
        });
        List<Finding> fixed = earlier.entrySet().stream().filter(entry -> !later.containsKey(entry.getKey())).map(Map.Entry::getValue).toList();
        return new ReportDiff(before, after, List.copyOf(added), fixed, List.copyOf(unchanged), List.copyOf(moved));
    }

    private static Map<String, Finding> byFingerprint(List<Finding> findings) {
        Map<String, Finding> map = new LinkedHashMap<>();
        findings.forEach(finding -> map.putIfAbsent(finding.fingerprint(), finding));
        return map;
    }

    /** The most severe finding that is new (or grew more severe) in the later audit. */
    @JsonIgnore
    public Optional<Severity> highestNew() {
        return java.util.stream.Stream.concat(added.stream(), severityChanged.stream()).map(Finding::severity).max(Severity::compareTo);
    }

    /** New, more severe, fixed, then how many are unchanged. */
    static final class Text extends TextFormat<ReportDiff> {
        @Override
        protected void print(ReportDiff diff, PrintWriter out, Options options) {
            out.println("dockaudit diff: " + Terminal.escape(diff.before()) + " -> " + Terminal.escape(diff.after()));
            section(out, "new", diff.added());
            section(out, "severity changed (now)", diff.severityChanged());
            section(out, "fixed", diff.fixed());
            out.println(diff.unchanged().size() + " unchanged");
        }

        private static void section(PrintWriter out, String title, List<Finding> findings) {
            out.println(findings.size() + " " + title + (findings.isEmpty() ? "" : ":"));
            for (Finding finding : findings) {
                out.println("  " + finding.severity().id().toUpperCase(java.util.Locale.ROOT) + " " + finding.id() + " "
                        + Terminal.escape(finding.title()) + ": " + Terminal.escape(finding.target().label()));
            }
        }
    }
}
