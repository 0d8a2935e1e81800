package org.dockaudit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dockaudit.check.Auditor;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;
import org.dockaudit.report.AuditReport;
import org.dockaudit.report.Finding;
import org.dockaudit.report.Hardening;
import org.dockaudit.report.ManifestFix;
import org.dockaudit.report.SarifReport;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Compose files and Kubernetes manifests, real ones from public projects (their source in their header) and made ones. */
class DeploymentFilesTest {

    private static final Path DIR = Path.of("src/test/resources/deployments");

    private static Snapshot read(String file) throws Exception {
        return SnapshotFiles.parse(file, Files.readAllBytes(DIR.resolve(file)));
    }

    private static AuditReport audit(Snapshot snapshot) {
        return AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot));
    }

    private static Map<String, Finding> findings(AuditReport report, String target) {
        return report.findings().stream().filter(finding -> finding.target().name().equals(target))
                .collect(Collectors.toMap(Finding::id, finding -> finding, (a, b) -> a));
    }

    @Test
    void aComposeServiceIsJudgedAsTheContainerItDeclaresWithTheLineOfEachOffendingKey() throws Exception {
        AuditReport report = audit(read("portainer-compose.yaml"));

        Map<String, Finding> portainer = findings(report, "portainer");
        assertThat(portainer.get("ISO-008").location()).isEqualTo(new Finding.Location("portainer-compose.yaml", 11));
        assertThat(portainer.get("CHN-001").severity().id()).isEqualTo("critical");
        assertThat(portainer.get("RES-007").location().line()).isEqualTo(13);
        // A file has no host: no host or daemon check runs on it.
        assertThat(report.checks()).allSatisfy(check -> assertThat(check.target().kind().id()).isEqualTo("container"));
    }

    @Test
    void netdataAddsPtraceAndMountsHostFilesReadOnly() throws Exception {
        Map<String, Finding> netdata = findings(audit(read("netdata-compose.yaml")), "netdata");

        assertThat(netdata.get("PRIV-002").evidence().toString()).contains("SYS_PTRACE");
        assertThat(netdata.get("PRIV-002").location().line()).isEqualTo(11);
        assertThat(netdata.get("ISO-009").location().line()).isEqualTo(19);
        assertThat(netdata.get("ISO-011").location().line()).isEqualTo(8);
    }

    @Test
    void kubernetesWorkloadsGiveOneContainerEachWithPodAndContainerSecurityContexts() throws Exception {
        Snapshot snapshot = read("ingress-nginx-workloads.yaml");
        assertThat(snapshot.source()).isEqualTo("kubernetes");
        assertThat(snapshot.containers()).extracting(record -> record.inspect().path("Name").asText())
                .containsExactly("/deployment/ingress-nginx-controller/controller", "/job/ingress-nginx-admission-create/create");
        JsonNode controller = snapshot.containers().getFirst().inspect();
        assertThat(controller.path("Config").path("User").asText()).isEqualTo("101");
        assertThat(controller.path("HostConfig").path("CapDrop").toString()).isEqualTo("[\"ALL\"]");
        // No seccompProfile: the kubelet's default, Unconfined.
        assertThat(controller.path("HostConfig").path("SecurityOpt").toString()).contains("seccomp=unconfined");
        JsonNode job = snapshot.containers().get(1).inspect();
        assertThat(job.path("Config").path("User").asText()).as("the pod's runAsUser").isEqualTo("2000");
        assertThat(job.path("HostConfig").path("SecurityOpt").toString()).contains("no-new-privileges:true");

        Map<String, Finding> findings = findings(audit(snapshot), "deployment/ingress-nginx-controller/controller");
        assertThat(findings.get("PRIV-006").location().line()).as("allowPrivilegeEscalation: true").isEqualTo(103);
        assertThat(findings).doesNotContainKey("PRIV-005").doesNotContainKey("PRIV-002");
    }

    @Test
    void hostNamespacesHostPathsAndListsAsHelmRendersThem() throws Exception {
        String manifest = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: batch/v1
                  kind: CronJob
                  metadata:
                    name: backup
                  spec:
                    jobTemplate:
                      spec:
                        template:
                          spec:
                            hostPID: true
                            volumes:
                            - name: root
                              hostPath:
                                path: /
                            containers:
                            - name: agent
                              image: example/agent:1.0
                              securityContext:
                                privileged: true
                                seccompProfile:
                                  type: RuntimeDefault
                              resources:
                                limits:
                                  memory: 256Mi
                                  cpu: 500m
                              volumeMounts:
                              - name: root
                                mountPath: /host
                """;
        Snapshot snapshot = SnapshotFiles.parse("backup.yaml", manifest.getBytes(StandardCharsets.UTF_8));
        ContainerRecord agent = snapshot.containers().getFirst();
        assertThat(agent.inspect().path("Name").asText()).isEqualTo("/cronjob/backup/agent");
        assertThat(agent.inspect().path("HostConfig").path("Memory").asLong()).isEqualTo(256L << 20);
        assertThat(agent.inspect().path("HostConfig").path("NanoCpus").asLong()).isEqualTo(500_000_000L);

        Map<String, Finding> findings = findings(audit(snapshot), "cronjob/backup/agent");
        assertThat(findings.get("ISO-001").location().line()).isEqualTo(13);
        assertThat(findings.get("PRIV-001").location().line()).isEqualTo(22);
        assertThat(findings.get("ISO-009").location().line()).isEqualTo(30);
        // RuntimeDefault asked, but privileged turns seccomp off anyway; the memory is limited.
        assertThat(findings.get("KRN-001").evidence()).containsExactly("--privileged disables the seccomp filter");
        assertThat(findings).doesNotContainKey("RES-001");
    }

    @Test
    void theShippedDaemonSetIsReadAndSaysHowMuchItNeeds() throws Exception {
        Path file = Path.of("../deploy/kubernetes/dockaudit-daemonset.yaml");
        Snapshot snapshot = SnapshotFiles.parse(file.toString(), Files.readAllBytes(file));
        Map<String, Finding> findings = findings(audit(snapshot), "daemonset/dockaudit/dockaudit");

        assertThat(findings).containsKeys("ISO-001", "ISO-002", "ISO-008", "PRIV-002", "KRN-001");
        assertThat(findings.get("ISO-001").location().line()).isEqualTo(25);
        assertThat(findings).doesNotContainKey("RES-001");
    }

    /**
     * The hardening of a manifest's container is said in its fields, and applying it as printed
     * (set under the container and the pod spec, delete what it names) leaves nothing to harden but
     * what a manifest cannot say.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aManifestsHardeningAppliedToItLeavesNothingToHarden() throws Exception {
        Path file = Path.of("../deploy/kubernetes/dockaudit-daemonset.yaml");
        Hardening before = hardeningOf(SnapshotFiles.parse(file.toString(), Files.readAllBytes(file)));
        ManifestFix fix = before.manifest();
        // Notes say the manifest's fields, not docker run's flags.
        assertThat(before.notes()).isNotEmpty().noneMatch(note -> note.matches(".*--(cap|health|memory|pids|cpus|user|security-opt|read-only).*"));
        assertThat(fix.byHand()).containsExactly("pids_limit: 100 (Kubernetes: the kubelet's podPidsLimit, on each node)");

        Map<String, Object> manifest = new Yaml().load(Files.readString(file));
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) manifest.get("spec")).get("template")).get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).getFirst();
        merge(container, fix.container());
        merge(pod, fix.pod());
        for (String delete : fix.delete()) {
            Matcher capability = Pattern.compile("securityContext.capabilities.add: (\\w+)").matcher(delete);
            Matcher hostPath = Pattern.compile("the hostPath volume (\\S+) \\(mounted at (\\S+)\\)").matcher(delete);
            if (capability.matches()) {
                ((List<String>) ((Map<String, Object>) ((Map<String, Object>) container.get("securityContext")).get("capabilities")).get("add"))
                        .remove(capability.group(1));
            } else if (hostPath.matches()) {
                List<Map<String, Object>> volumes = (List<Map<String, Object>>) pod.get("volumes");
                Object name = volumes.stream().filter(volume -> volume.get("hostPath") instanceof Map<?, ?> host
                        && hostPath.group(1).equals(host.get("path"))).findFirst().orElseThrow().get("name");
                volumes.removeIf(volume -> volume.get("name").equals(name));
                ((List<Map<String, Object>>) container.get("volumeMounts")).removeIf(mount -> mount.get("name").equals(name));
            } else if (delete.endsWith(" (pod)")) {
                assertThat(pod.remove(delete.replace(" (pod)", ""))).as(delete).isNotNull();
            } else {
                throw new AssertionError("a deletion the test cannot apply: " + delete);
            }
        }
        byte[] hardened = new Yaml().dump(manifest).getBytes(StandardCharsets.UTF_8);

        Hardening after = hardeningOf(SnapshotFiles.parse("hardened.yaml", hardened));
        assertThat(after.manifest().container()).isEmpty();
        assertThat(after.manifest().pod()).isEmpty();
        assertThat(after.manifest().delete()).isEmpty();
        assertThat(after.manifest().byHand()).isEqualTo(fix.byHand());
    }

    private static Hardening hardeningOf(Snapshot snapshot) {
        return audit(snapshot).hardening().stream().filter(advice -> advice.target().name().equals("daemonset/dockaudit/dockaudit"))
                .findFirst().orElseThrow();
    }

    /** Maps merge, lists append: as a user pastes the printed YAML under its parent. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> fields) {
        fields.forEach((key, value) -> {
            Object existing = into.get(key);
            if (existing instanceof Map<?, ?> map && value instanceof Map<?, ?> more) {
                merge((Map<String, Object>) map, (Map<String, Object>) more);
            } else if (existing instanceof List<?> list && value instanceof List<?> more) {
                ((List<Object>) list).addAll(more);
            } else {
                into.put(key, value);
            }
        });
    }

    @Test
    void sarifPutsEachResultOnItsLine() throws Exception {
        JsonNode sarif = SarifReport.of(audit(read("portainer-compose.yaml")), org.dockaudit.check.Checks.infos(), org.dockaudit.report.ReportFormat.Options.PLAIN);
        JsonNode physical = sarif.path("runs").get(0).path("results").get(0).path("locations").get(0).path("physicalLocation");
        assertThat(physical.path("artifactLocation").path("uri").asText()).isEqualTo("portainer-compose.yaml");
        assertThat(physical.path("region").path("startLine").asInt()).isEqualTo(11);
    }

    @Test
    void yamlThatIsNeitherIsRefusedInOneLine() {
        assertThatThrownBy(() -> SnapshotFiles.parse("values.yaml", "replicaCount: 2\nimage: nginx\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessage("values.yaml: neither a Compose file (no services) nor Kubernetes manifests (no document with apiVersion and kind)");
        assertThatThrownBy(() -> SnapshotFiles.parse("broken.yaml", "services: [\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SnapshotFormatException.class).hasMessageStartingWith("broken.yaml: not valid YAML");
    }

    @Test
    void aValueThatIsNoNumberIsNamedWithItsLine() {
        String compose = "services:\n  web:\n    image: x\n    pids_limit: lots\n";
        assertThatThrownBy(() -> SnapshotFiles.parse("compose.yaml", compose.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageStartingWith("compose.yaml:4: pids_limit of service web: not a number");
        String pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n"
                + "    resources:\n      limits:\n        cpu: many\n";
        assertThatThrownBy(() -> SnapshotFiles.parse("pod.yaml", pod.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SnapshotFormatException.class).hasMessageStartingWith("pod.yaml:7: container pod/p/c: a quantity");
    }

    @Test
    void memoryQuantitiesInEachFilesUnits() {
        assertThat(DeploymentFiles.bytes("512m", false)).isEqualTo(512L << 20);
        assertThat(DeploymentFiles.bytes("1G", false)).isEqualTo(1L << 30);
        assertThat(DeploymentFiles.bytes("90Mi", true)).isEqualTo(90L << 20);
        assertThat(DeploymentFiles.bytes("1G", true)).isEqualTo(1_000_000_000L);
        assertThat(List.of(DeploymentFiles.bytes("lots", false))).containsExactly(0L);
    }
}
