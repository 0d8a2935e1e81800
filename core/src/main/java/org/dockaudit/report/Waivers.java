package org.dockaudit.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dockaudit.model.Json;

/**
 * Accepted risks, from a waiver file ({@code .dockaudit-waivers.yaml}):
 * <pre>
 * waivers:
 *   - check: RES-001
 *     target: "batch-*"          # a glob on the target's name; * by default
 *     reason: "sized by the scheduler"   # required
 *     expires: 2027-03-31        # optional: from that day on the waiver no longer applies
 *     by: "ops team"             # optional: who accepted the risk
 * </pre>
 * A waived finding leaves the gate and the top risks, and is listed apart with its reason.
 */
public record Waivers(String file, List<Waiver> waivers) {

    /** @param line where it starts in the file, for the messages about it */
    public record Waiver(String check, String target, String reason, LocalDate expires, String by, int line) {

        boolean covers(Finding finding) {
            return check.equals(finding.id()) && Glob.matches(target, finding.target().name());
        }

        String describe(String file) {
            return file + ":" + line + ": waiver of " + check + " on " + target;
        }
    }

    /** A finding and the waiver that accepts it. */
    public record Waived(Finding finding, String reason, String by, LocalDate expires) {}

    /** A waiver file that cannot be read as one: the message names the file, the line and what is wrong. */
    public static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    private static final Set<String> KEYS = Set.of("check", "target", "reason", "expires", "by");

    public static Waivers parse(String file, String yaml) throws FormatException {
        List<Waiver> waivers = new ArrayList<>();
        try (JsonParser parser = Json.yaml().getFactory().createParser(yaml)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                    || !parser.currentName().equals("waivers") || parser.nextToken() != JsonToken.START_ARRAY) {
                throw new FormatException(file + ":" + parser.currentLocation().getLineNr() + ": expected a list under \"waivers:\"");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int line = parser.currentLocation().getLineNr();
                waivers.add(waiver(file, line, Json.yaml().readTree(parser)));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new FormatException(file + ":" + parser.currentLocation().getLineNr() + ": each waiver is a map (check:, reason:, ...)");
            }
        } catch (JsonProcessingException e) {
            throw new FormatException(file + ":" + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": not YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new FormatException(file + ": " + e.getMessage());
        }
        return new Waivers(file, List.copyOf(waivers));
    }

    private static Waiver waiver(String file, int line, JsonNode node) throws FormatException {
        String where = file + ":" + line + ": ";
        for (var field : (Iterable<String>) node::fieldNames) {
            if (!KEYS.contains(field)) {
                throw new FormatException(where + "unknown key '" + field + "' (check, target, reason, expires, by)");
            }
        }
        String check = node.path("check").asText("");
        if (!check.matches("[A-Z]+-\\d{3}")) {
            throw new FormatException(where + "'check' must be a check id such as PRIV-001");
        }
        String reason = node.path("reason").asText("").strip();
        if (reason.isEmpty()) {
            throw new FormatException(where + "a waiver needs a 'reason'");
        }
        LocalDate expires = null;
        if (node.hasNonNull("expires")) {
            try {
                expires = LocalDate.parse(node.path("expires").asText());
            } catch (DateTimeParseException e) {
                throw new FormatException(where + "'expires' must be a date such as 2027-03-31");
            }
        }
        return new Waiver(check, node.path("target").asText("*"), reason, expires, node.path("by").asText(null), line);
    }

    /**
     * The report with the findings these waivers accept moved apart, and a note for each waiver
     * that expired (it no longer applies) or that matches nothing (stale).
     */
    public AuditReport apply(AuditReport report, LocalDate today) {
        List<Finding> kept = new ArrayList<>();
        List<Waived> waived = new ArrayList<>(report.waived());
        List<String> notes = new ArrayList<>(report.notes());
        boolean[] used = new boolean[waivers.size()];
        for (Finding finding : report.findings()) {
            Waiver applied = null;
            for (int i = 0; i < waivers.size(); i++) {
                Waiver waiver = waivers.get(i);
                if (waiver.covers(finding)) {
                    used[i] = true;
                    if (waiver.expires() == null || today.isBefore(waiver.expires())) {
                        applied = waiver;
                        break;
                    }
                }
            }
            if (applied == null) {
                kept.add(finding);
            } else {
                waived.add(new Waived(finding, applied.reason(), applied.by(), applied.expires()));
            }
        }
        for (int i = 0; i < waivers.size(); i++) {
            Waiver waiver = waivers.get(i);
            if (waiver.expires() != null && !today.isBefore(waiver.expires())) {
                notes.add(waiver.describe(file) + " expired on " + waiver.expires() + ": no longer applied");
            } else if (!used[i]) {
                notes.add(waiver.describe(file) + " matches no finding: stale, remove it");
            }
        }
        return new AuditReport(report.formatVersion(), report.tool(), report.source(), List.copyOf(kept), report.checks(),
                report.matrix(), report.hardening(), report.summary(), List.copyOf(notes), report.containers(), List.copyOf(waived),
                report.namespaces(), report.seccomp(), report.compliance());
    }
}
