package org.dockaudit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dockaudit.check.Auditor;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;
import org.dockaudit.report.AuditReport;
import org.dockaudit.report.Finding;
import org.dockaudit.report.SarifReport;
import org.junit.jupiter.api.Test;

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
