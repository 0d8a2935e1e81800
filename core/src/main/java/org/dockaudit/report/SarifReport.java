package org.dockaudit.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Checks;
import org.dockaudit.check.Cis;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.model.Tool;

/**
 * The report as SARIF 2.1.0: one rule per check with its help text, one result per finding on a
 * logical location (the container, image, daemon or host), with a fingerprint that stays the
 * same across audits as long as the check and the target's kind and name do.
 */
public final class SarifReport implements ReportFormat<AuditReport> {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public String name() {
        return "sarif";
    }

    /** The SARIF log of the report, one rule per registered check. */
    @Override
    public void write(AuditReport report, OutputStream out, Options options) throws IOException {
        new JsonFormat<ObjectNode>().write(of(report, Checks.infos(), options), out, options);
    }

    public static ObjectNode of(AuditReport report, List<CheckInfo> checks, Options options) {
        ObjectNode log = JSON.objectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", Tool.NAME);
        driver.put("version", Tool.VERSION);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (CheckInfo check : checks) {
            ruleIndex.put(check.id(), ruleIndex.size());
            rules.add(rule(check, options));
        }
        ArrayNode results = run.putArray("results");
        for (Finding finding : report.findings()) {
            results.add(result(finding, ruleIndex.get(finding.id())));
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        report.notes().forEach(note -> invocation.withArray("toolExecutionNotifications").addObject()
                .put("level", "note").putObject("message").put("text", note));
        if (report.compliance() != null) {
            // SARIF has no notion of a benchmark: the view rides in the run's property bag, as in the JSON report.
            run.putObject("properties").set("compliance", org.dockaudit.model.Json.MAPPER.valueToTree(report.compliance()));
        }
        return log;
    }

    private static ObjectNode rule(CheckInfo check, Options options) {
        ObjectNode rule = JSON.objectNode();
        rule.put("id", check.id());
        rule.put("name", check.id().replace("-", ""));
        rule.putObject("shortDescription").put("text", check.title());
        rule.putObject("fullDescription").put("text", check.title() + " (audit point: " + check.area().title() + ")");
        options.docsUrl(check.id()).ifPresent(url -> rule.put("helpUri", url));
        ObjectNode help = rule.putObject("help");
        help.put("text", check.remediation().replace("`", ""));
        // The check's whole page (how it decides, how to fix it, CIS, examples): code-scanning
        // dashboards show it beside the result, and it needs no address to be published at.
        help.put("markdown", CheckPages.markdown(check.id()).orElse(check.remediation()
                + (check.cis().length == 0 ? "" : "\n\nSee " + String.join(", ", List.of(check.cis()).stream().map(Cis::reference).toList()) + ".")));
        rule.putObject("defaultConfiguration").put("level", level(check.severity()));
        ObjectNode properties = rule.putObject("properties");
        ArrayNode tags = properties.putArray("tags");
        tags.add("security").add(check.area().id());
        for (Threat threat : check.threats()) {
            tags.add(threat.id());
        }
        properties.put("security-severity", securitySeverity(check.severity()));
        return rule;
    }

    private static ObjectNode result(Finding finding, Integer index) {
        ObjectNode result = JSON.objectNode();
        result.put("ruleId", finding.id());
        if (index != null) {
            result.put("ruleIndex", index);
        }
        result.put("level", level(finding.severity()));
        result.putObject("message").put("text", finding.title() + " on " + finding.target().label() + ": "
                + String.join("; ", finding.evidence()));
        ObjectNode location = result.putArray("locations").addObject();
        if (finding.location() != null) {
            // A declared container: dashboards show the result on the offending key's line.
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", finding.location().file());
            physical.putObject("region").put("startLine", finding.location().line());
        }
        ObjectNode logical = location.putArray("logicalLocations").addObject();
        logical.put("name", finding.target().name());
        logical.put("fullyQualifiedName", finding.target().kind().id() + "/" + finding.target().name());
        logical.put("kind", finding.target().kind().id());
        result.putObject("partialFingerprints").put("dockaudit/v1",
                sha256(finding.fingerprint()));
        ObjectNode properties = result.putObject("properties");
        properties.put("severity", finding.severity().id());
        properties.put("area", finding.area().id());
        properties.put("targetId", finding.target().id());
        ArrayNode evidence = properties.putArray("evidence");
        finding.evidence().forEach(evidence::add);
        properties.put("remediation", finding.remediation());
        return result;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** The 0-10 score code-scanning services sort by. */
    private static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
