package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.dockaudit.check.Auditor;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;

class HardeningTest {

    private static Hardening hardening(String hostConfig, String mounts, String user) throws Exception {
        String inspect = "[{\"Id\":\"" + "a".repeat(64) + "\",\"Name\":\"/app\",\"State\":{\"Running\":false},"
                + "\"Config\":{\"User\":\"" + user + "\"},\"Mounts\":" + mounts + ",\"HostConfig\":" + hostConfig + "}]";
        Snapshot snapshot = SnapshotFiles.parse("t", inspect.getBytes(StandardCharsets.UTF_8));
        AuditReport report = AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot));
        return report.hardening().getFirst();
    }

    @Test
    void weakContainerGetsTheFlagsThatFixItsFindings() throws Exception {
        Hardening advice = hardening("{\"Privileged\":false,\"CapAdd\":[\"SYS_ADMIN\",\"CHOWN\"],\"CapDrop\":null,"
                        + "\"SecurityOpt\":[\"seccomp=unconfined\"],\"PidMode\":\"host\",\"NetworkMode\":\"default\",\"IpcMode\":\"private\","
                        + "\"UTSMode\":\"\",\"UsernsMode\":\"\",\"CgroupnsMode\":\"private\",\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]},"
                        + "\"PublishAllPorts\":false,\"Devices\":[],\"DeviceCgroupRules\":null,\"Memory\":0,\"MemorySwap\":0,\"NanoCpus\":0,"
                        + "\"CpuQuota\":0,\"CpusetCpus\":\"\",\"CpuShares\":0,\"PidsLimit\":null,\"OomKillDisable\":false,\"ReadonlyRootfs\":false}",
                "[{\"Type\":\"bind\",\"Source\":\"/var/run/docker.sock\",\"Destination\":\"/var/run/docker.sock\",\"RW\":true,\"Propagation\":\"rprivate\"},"
                        + "{\"Type\":\"bind\",\"Source\":\"/srv/data\",\"Destination\":\"/data\",\"RW\":true,\"Propagation\":\"rprivate\"}]",
                "");

        assertThat(advice.add()).contains("--cap-drop ALL", "--cap-add CHOWN", "--security-opt no-new-privileges", "--read-only",
                "--memory 512m", "--pids-limit 100", "--user 1000:1000", "-p 127.0.0.1:8080:80");
        assertThat(advice.remove()).contains("--cap-add SYS_ADMIN", "--security-opt seccomp=unconfined", "--pid=host",
                "-v /var/run/docker.sock:/var/run/docker.sock", "-p 8080:80");
        assertThat(advice.remove()).as("an application data mount is not a finding").doesNotContain("-v /srv/data:/data");
        assertThat(advice.compose()).containsEntry("read_only", true).containsKey("cap_drop").containsKey("security_opt");
        assertThat(advice.composeDelete()).as("Compose keys to delete, for each flag to drop").contains("cap_add: SYS_ADMIN",
                "security_opt: seccomp=unconfined", "pid", "volumes: /var/run/docker.sock:/var/run/docker.sock", "ports: 8080:80");
        assertThat(advice.add()).as("a non-root --user can write a tmpfs /tmp whatever the image's mode")
                .contains("--tmpfs /tmp:mode=1777");
        assertThat(advice.notes()).as("127.0.0.1 would make a public service unreachable: say so")
                .anyMatch(note -> note.contains("127.0.0.1 keeps the service to this host") && note.contains(":8080:80"));
        assertThat(advice.add().getFirst()).isEqualTo("--cap-drop ALL");
    }

    @Test
    void hardenedContainerNeedsNoFlag() throws Exception {
        AuditReport report;
        String inspect = "[{\"Id\":\"" + "a".repeat(64) + "\",\"Name\":\"/app\",\"State\":{\"Running\":false},"
                + "\"Config\":{\"User\":\"1000\"},\"Mounts\":[],\"HostConfig\":{\"Privileged\":false,\"CapAdd\":null,\"CapDrop\":[\"ALL\"],"
                + "\"SecurityOpt\":[\"no-new-privileges\"],\"PidMode\":\"\",\"NetworkMode\":\"default\",\"IpcMode\":\"private\",\"UTSMode\":\"\","
                + "\"UsernsMode\":\"\",\"CgroupnsMode\":\"private\",\"PortBindings\":{},\"PublishAllPorts\":false,\"Devices\":[],"
                + "\"DeviceCgroupRules\":null,\"Memory\":67108864,\"MemorySwap\":67108864,\"NanoCpus\":500000000,\"CpuQuota\":0,"
                + "\"CpusetCpus\":\"\",\"CpuShares\":0,\"PidsLimit\":50,\"OomKillDisable\":false,\"ReadonlyRootfs\":true}}]";
        Snapshot snapshot = SnapshotFiles.parse("t", inspect.getBytes(StandardCharsets.UTF_8));
        report = AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot));

        assertThat(report.hardening()).allSatisfy(advice -> {
            assertThat(advice.add()).isEmpty();
            assertThat(advice.remove()).isEmpty();
        });
    }
    /** Services that need the same flags share a block, and each gets its own update line: the command updates one service. */
    @Test
    void servicesThatShareABlockAreEachUpdated() throws Exception {
        String spec = "\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"app:1\",\"CapabilityAdd\":[\"CAP_NET_ADMIN\"]}}";
        com.fasterxml.jackson.databind.JsonNode services = org.dockaudit.model.Json.MAPPER.readTree("[{\"ID\":\"s1\",\"Spec\":{\"Name\":\"api\","
                + spec + "}},{\"ID\":\"s2\",\"Spec\":{\"Name\":\"web\"," + spec + "}}]");
        org.dockaudit.model.Fact<com.fasterxml.jackson.databind.JsonNode> none = org.dockaudit.model.Fact.unknown("not in this test");
        com.fasterxml.jackson.databind.node.ObjectNode swarm = org.dockaudit.model.Json.MAPPER.createObjectNode();
        swarm.set("services", services);
        Snapshot snapshot = new Snapshot(Snapshot.FORMAT_VERSION, "test", null, "live", false,
                org.dockaudit.model.HostFacts.notCollected("not in this test"),
                new org.dockaudit.model.DaemonFacts(none, none, none, none, org.dockaudit.model.Fact.of(swarm), none, none),
                org.dockaudit.snapshot.DeploymentFiles.swarmServices(services), java.util.List.of(), java.util.List.of());
        AuditReport report = AuditReport.of(snapshot, Auditor.withAllChecks().audit(snapshot));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new TextReport().write(report, out, new ReportFormat.Options(false, false));

        String text = out.toString(StandardCharsets.UTF_8);
        String hardening = text.substring(text.indexOf("== Hardening"));
        assertThat(hardening).contains("(service/api, service/web):")
                .containsPattern("docker service update .*--cap-drop CAP_NET_ADMIN.* api\\n")
                .containsPattern("docker service update .*--cap-drop CAP_NET_ADMIN.* web\\n");
    }
}
