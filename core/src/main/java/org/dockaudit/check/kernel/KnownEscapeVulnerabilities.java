package org.dockaudit.check.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.dockaudit.check.Area;
import org.dockaudit.check.CheckInfo;
import org.dockaudit.check.Facts;
import org.dockaudit.check.HostCheck;
import org.dockaudit.check.HostContext;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.Severity;
import org.dockaudit.check.Threat;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.model.Json;

/**
 * Host kernel, runc and containerd versions against the container-escape vulnerabilities of
 * {@code escape-vulnerabilities.json}. Distributions backport fixes without changing the upstream
 * version: a distribution package is rated lower unless the table knows its fixed revision.
 */
@CheckInfo(
        id = "KRN-010",
        title = "Kernel, runc or containerd with a known container-escape vulnerability",
        severity = Severity.CRITICAL,
        area = Area.KERNEL_VULNERABILITIES,
        cis = "1.2.2",
        threats = {Threat.DENIAL_OF_SERVICE, Threat.ESCAPE, Threat.UNAUTHORIZED_ACCESS},
        remediation = "Update the host: kernel (then reboot), runc and containerd to a version with the fix "
                + "(`apt-get install --only-upgrade runc containerd docker.io linux-image-amd64`).")
public final class KnownEscapeVulnerabilities implements HostCheck {

    private static final JsonNode TABLE = load();
    /** Distribution kernels keep the base version and count their own patch releases behind a dash. */
    private static final Pattern DISTRIBUTION_KERNEL = Pattern.compile(
            "\\d+\\.\\d+\\.0-\\d+.*|.*\\.el\\d+.*|.*\\.fc\\d+\\..*|.*-(generic|amd64|arm64|azure|aws|gcp|cloud-amd64|lowlatency)$");
    private static final Pattern DISTRIBUTION_PACKAGE = Pattern.compile(".*([+~](ds|dfsg)\\d*|ubuntu|deb\\d+u\\d+|-\\d+$).*");

    private record Component(String name, String version, String packageVersion, boolean distribution) {}

    @Override
    public Outcome evaluate(HostContext host) {
        List<Component> components = List.of(kernel(host), packaged(host, "runc", "RuncCommit"),
                packaged(host, "containerd", "ContainerdCommit"));
        Severity worst = Severity.INFO;
        List<String> evidence = new ArrayList<>();
        List<String> clean = new ArrayList<>();
        for (Component component : components) {
            if (component.version() == null) {
                continue;
            }
            Versions.Upstream version = Versions.Upstream.parse(component.version());
            int found = 0;  // affected upstream, whether or not a backport fixed it
            for (JsonNode vulnerability : TABLE.path("vulnerabilities")) {
                if (!vulnerability.path("component").asText().equals(component.name())
                        || !Versions.affected(version, Versions.Upstream.parse(vulnerability.path("introduced").asText()), fixes(vulnerability))) {
                    continue;
                }
                String id = vulnerability.path("id").asText();
                String line = component.name() + " " + component.packageVersion() + ": " + id + ", "
                        + vulnerability.path("name").asText() + " (" + vulnerability.path("source").asText() + ")";
                Severity severity = Severity.fromId(vulnerability.path("severity").asText());
                found++;
                if (backported(component, vulnerability)) {
                    clean.add(component.name() + " " + component.packageVersion() + " carries the backported fix of " + id);
                    continue;
                }
                if (component.distribution()) {
                    severity = Severity.MEDIUM.compareTo(severity) < 0 ? Severity.MEDIUM : severity;
                    line += "; a distribution build whose upstream version is affected: its maintainers may have "
                            + "backported the fix, check their advisory for " + id;
                }
                worst = worst.max(severity);
                evidence.add(line);
            }
            if (found == 0) {
                clean.add(component.name() + " " + component.packageVersion());
            }
        }
        if (evidence.isEmpty() && clean.isEmpty()) {
            throw new UnknownFactException("no kernel, runc or containerd version in the snapshot");
        }
        return evidence.isEmpty()
                ? Outcome.pass("no known escape vulnerability for " + String.join("; ", clean))
                : Outcome.fail(worst, evidence);
    }

    private static List<Versions.Upstream> fixes(JsonNode vulnerability) {
        List<Versions.Upstream> fixes = new ArrayList<>();
        vulnerability.path("fixed").forEach(fix -> fixes.add(Versions.Upstream.parse(fix.asText())));
        return fixes;
    }

    private static boolean backported(Component component, JsonNode vulnerability) {
        for (JsonNode fix : vulnerability.path("distributionFixes")) {
            String fixed = fix.asText();
            String sameUpstream = fixed.substring(0, Math.max(fixed.lastIndexOf('-'), 0));
            if (component.packageVersion().startsWith(sameUpstream + "-") && Versions.compareDebian(component.packageVersion(), fixed) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static Component kernel(HostContext host) {
        String version = Facts.ifKnown(host.host().kernelRelease())
                .or(() -> host.infoIfKnown().map(info -> info.path("KernelVersion").asText(null)))
                .orElse(null);
        return new Component("kernel", version, version, version != null && DISTRIBUTION_KERNEL.matcher(version).matches());
    }

    /** The upstream version from {@code docker version}, the package version from {@code docker info}. */
    private static Component packaged(HostContext host, String name, String commitField) {
        if (host.daemon() == null || !host.daemon().version().known()) {
            return new Component(name, null, null, false);
        }
        String version = null;
        for (JsonNode component : host.daemon().version().value().path("Components")) {
            if (component.path("Name").asText().equals(name)) {
                version = component.path("Version").asText(null);
            }
        }
        String commit = host.infoIfKnown().map(info -> info.path(commitField).path("ID").asText("")).orElse("");
        boolean distribution = version != null && (DISTRIBUTION_PACKAGE.matcher(version).matches()
                || DISTRIBUTION_PACKAGE.matcher(commit).matches());
        String packageVersion = distribution && !commit.isEmpty() && Character.isDigit(commit.charAt(0)) ? commit : version;
        return new Component(name, version, packageVersion, distribution);
    }

    private static JsonNode load() {
        try (InputStream in = KnownEscapeVulnerabilities.class.getResourceAsStream("escape-vulnerabilities.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
