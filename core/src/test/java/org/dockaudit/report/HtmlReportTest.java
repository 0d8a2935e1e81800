package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dockaudit.check.Auditor;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;

/** The HTML page's content and safety; {@code HtmlReportIT} opens it in a real Chromium. */
class HtmlReportTest {

    private static final Path LAB = Path.of("..", "examples", "lab-snapshot.json");

    private static String html(Snapshot snapshot) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HtmlReport().write(AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot)), out, ReportFormat.Options.PLAIN);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Snapshot replicas(String name, int count) throws Exception {
        StringBuilder inspect = new StringBuilder("[");
        for (int replica = 1; replica <= count; replica++) {
            inspect.append(replica > 1 ? "," : "").append(AuditReportTest.PRIVILEGED
                    .replace("a".repeat(64), Integer.toHexString(replica % 16).repeat(64))
                    .replace("/priv", "/" + name + "-" + replica));
        }
        return SnapshotFiles.parse("t", inspect.append("]").toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theLabsPageHasEveryPartAndFetchesNothing() throws Exception {
        Snapshot lab = SnapshotFiles.read(LAB);
        String page = html(lab);

        assertThat(page).startsWith("<!DOCTYPE html>").contains("id=\"recap-matrix\"").contains("id=\"namespace-map\"")
                .contains("id=\"top-risks\"").contains("id=\"host\"").contains("id=\"grouped\"").contains("<svg id=\"namespace-map\"")
                .contains("Content-Security-Policy").contains("default-src 'none'");
        assertThat(page).as("nothing loaded from elsewhere").doesNotContain(" src=").doesNotContain("<link").doesNotContain("url(")
                .doesNotContain("@import");
        assertThat(count(page, "<article class=\"card\"")).as("one card per container of the lab").isEqualTo(lab.containers().size());
        // Each finding's check links to its page, and each such page is in the report.
        Matcher links = Pattern.compile("href=\"#check-([A-Z]+-\\d+)\"").matcher(page);
        while (links.find()) {
            assertThat(page).contains("id=\"check-" + links.group(1) + "\"");
        }
        assertThat(page).contains("<details class=\"check-page\" id=\"check-PRIV-003\"><summary>PRIV-003</summary><h1>PRIV-003");
    }

    @Test
    void eachDistinctSeccompFilterIsOnePolicyWithItsConditionsPerAbi() throws Exception {
        Snapshot lab = SnapshotFiles.read(LAB);
        List<SeccompPolicy> policies = SeccompPolicy.of(lab);

        // Docker's default as runc installed it, under four lab containers; lab-hardened's own profile.
        assertThat(policies).extracting(SeccompPolicy::containers)
                .containsExactly(List.of("lab-device", "lab-hostns", "lab-sidecar", "lab-socket"), List.of("lab-hardened"));
        assertThat(policies.getFirst().source()).isEqualTo("kernel");
        assertThat(policies.getFirst().abis()).extracting(SeccompPolicy.Abi::arch).as("the foreign ABIs are refused whole")
                .containsExactly("x86_64", "x32", "i386");
        SeccompPolicy.Abi x86 = policies.getFirst().abis().getFirst();
        assertThat(x86.conditional()).contains(new SeccompPolicy.Conditional("clone", "(args[0] & 0x7e020000) == 0"));
        assertThat(x86.allowed() + x86.conditional().size() + x86.denied()).isEqualTo(385);

        String page = html(lab);
        assertThat(page).contains("<article class=\"policy\" id=\"seccomp-1\">").contains("<code>clone</code>: <code>(args[0] &amp; 0x7e020000) == 0</code>")
                .contains("<a href=\"#seccomp-2\">its seccomp policy</a>");
    }

    @Test
    void replicasShareOneGroupAndEachHasItsCard() throws Exception {
        String page = html(replicas("web", 7));

        assertThat(count(page, "<article class=\"card\"")).isEqualTo(7);
        String grouped = page.substring(page.indexOf("<section id=\"grouped\">"), page.indexOf("<section id=\"namespace-section\">"));
        assertThat(count(grouped, "href=\"#check-PRIV-001\"")).as("one group for the seven").isEqualTo(1);
        assertThat(grouped).contains("7 targets").contains("href=\"#container-1\">web-1</a>").contains("href=\"#container-7\">web-7</a>");
        assertThat(page).contains("data-containers=\"|web-1|web-2|web-3|web-4|web-5|web-6|web-7|\"");
        assertThat(page).contains("Add to <code>docker run</code>").contains("<option value=\"web-3\">web-3</option>");
    }

    @Test
    void textFromTheAuditedHostNeverBecomesMarkup() throws Exception {
        // An inspect import is any JSON: a name Docker would refuse still reaches the report.
        String hostile = "<script>alert(1)</script>\"><img onerror=alert(2)>";
        Snapshot snapshot = SnapshotFiles.parse("t", ("[" + AuditReportTest.PRIVILEGED.replace("\"/priv\"",
                "\"/" + hostile.replace("\"", "\\\"") + "\"") + "]").getBytes(StandardCharsets.UTF_8));

        String page = html(snapshot);

        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(count(page, "<script")).as("only the report's own script").isEqualTo(1);
    }

    @Test
    void flagsBetweenBackticksAreCode() {
        assertThat(HtmlPage.spans("Remove `--privileged`; keep `a` b")).containsExactly(new HtmlPage.Span("Remove ", false),
                new HtmlPage.Span("--privileged", true), new HtmlPage.Span("; keep ", false), new HtmlPage.Span("a", true),
                new HtmlPage.Span(" b", false));
        assertThat(HtmlPage.spans("odd ` backtick")).containsExactly(new HtmlPage.Span("odd ", false), new HtmlPage.Span(" backtick", false));
    }

    @Test
    void theSameAuditGivesTheSamePage() throws Exception {
        Snapshot lab = SnapshotFiles.read(LAB);

        assertThat(html(lab)).isEqualTo(html(lab));
    }

    @Test
    void aMapOfThreeHundredContainersKeepsEveryNodeApartAndInside() {
        List<NamespaceGraph.Node> nodes = new ArrayList<>(List.of(new NamespaceGraph.Node("host", "host", "host")));
        List<NamespaceGraph.Link> links = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String name = String.format("app-%03d", i);
            nodes.add(new NamespaceGraph.Node(name, "container", name));
            if (i < 250) {
                links.add(new NamespaceGraph.Link("host", name, List.of("user", "cgroup")));
            } else if (i < 280 && i % 2 == 1) {
                // Pairs sharing a network namespace, as a pod or a sidecar does.
                links.add(new NamespaceGraph.Link(String.format("app-%03d", i - 1), name, List.of("net")));
            }
        }
        NamespaceMap map = NamespaceMap.of(new NamespaceGraph(nodes, links, Map.of()), Map.of("app-000", "#container-1"));

        assertThat(map.nodes()).hasSize(281);
        assertThat(map.alone()).hasSize(20).startsWith("app-280");
        assertThat(map.labelled()).as("281 names would overlap: they are said on hover").isFalse();
        assertThat(map.edges()).hasSize(250 * 2 + 15);
        for (NamespaceMap.Node node : map.nodes()) {
            assertThat(node.x()).isBetween(0.0, (double) map.width());
            assertThat(node.y()).isBetween(0.0, (double) map.height());
        }
        double closest = Double.MAX_VALUE;
        for (int i = 0; i < map.nodes().size(); i++) {
            for (int j = i + 1; j < map.nodes().size(); j++) {
                NamespaceMap.Node a = map.nodes().get(i);
                NamespaceMap.Node b = map.nodes().get(j);
                closest = Math.min(closest, Math.hypot(a.x() - b.x(), a.y() - b.y()));
            }
        }
        assertThat(closest).as("nodes of 7 px radius do not touch").isGreaterThan(16);
        assertThat(map.nodes().getFirst().host()).isTrue();
        assertThat(map.nodes().get(1).anchor()).isEqualTo("#container-1");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
