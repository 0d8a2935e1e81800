package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.dockaudit.model.CgroupFacts;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.ProcessFacts;
import org.dockaudit.model.RuntimeFacts;
import org.dockaudit.model.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCollectorTest {

    private static final String ID = "a".repeat(64);
    private static final String V1_CGROUP = "12:pids:/docker/" + ID + "\n11:memory:/docker/" + ID + "\n"
            + "10:devices:/docker/" + ID + "\n9:cpu,cpuacct:/docker/" + ID + "\n0::/docker/" + ID + "\n";
    private static final Map<String, Long> HOST_NS = Map.of("net", 4026531840L, "pid", 4026531836L, "user", 4026531837L);
    private static final Map<String, Long> CONTAINER_NS = Map.of("net", 4026532200L, "pid", 4026532201L, "user", 4026531837L);

    @TempDir
    Path root;

    private FakeEngine engine() {
        return new FakeEngine()
                .answer("/version", "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"KernelVersion\":\"6.1.0\"}")
                .answer("/info", "{\"SecurityOptions\":[\"name=seccomp,profile=default\"]}")
                .answer("/plugins", "[]")
                .answer("/containers/json?all=1", "[{\"Id\":\"" + ID + "\",\"Names\":[\"/web\"],\"State\":\"running\"},"
                        + "{\"Id\":\"" + "b".repeat(64) + "\",\"Names\":[\"/gone\"],\"State\":\"exited\"}]")
                .answer("/containers/" + ID + "/json", "{\"Id\":\"" + ID + "\",\"Name\":\"/web\",\"Image\":\"sha256:1\","
                        + "\"State\":{\"Status\":\"running\",\"Running\":true,\"Pid\":100},\"Config\":{\"Env\":[\"TOKEN=s3cret\"]}}")
                .answer("/images/sha256:1/json", "{\"Id\":\"sha256:1\",\"RootFS\":{},\"Config\":{\"Env\":[\"PATH=/bin\"]}}");
    }

    private Snapshot collect(FakeEngine engine) throws CollectException {
        return collector(engine).collect();
    }

    private LiveCollector collector(FakeEngine engine) {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Prober noProbe = (address, port) -> {
            throw new java.io.IOException("no network in this test");
        };
        return new LiveCollector(engine, root, noProbe, clock, 4);
    }

    private FixtureHost hostWithV1Container() {
        return new FixtureHost(root)
                .process(1, "init", "000001ffffffffff", "12:pids:/\n11:memory:/\n0::/\n", HOST_NS, "")
                .process(100, "nginx", "00000000a80425fb", V1_CGROUP, CONTAINER_NS, "NoNewPrivs:\t0\nSeccomp:\t2\nSeccomp_filters:\t1\n")
                .process(150, "sh", "00000000a82425fb", V1_CGROUP.replace(ID, ID + "/sub"), CONTAINER_NS, "NoNewPrivs:\t1\nSeccomp:\t0\n")
                .process(200, "other", "0000000000000000", "12:pids:/docker/" + "c".repeat(64) + "\n", CONTAINER_NS, "")
                .file("sys/fs/cgroup/memory/docker/" + ID + "/memory.limit_in_bytes", "67108864\n")
                .file("sys/fs/cgroup/memory/docker/" + ID + "/memory.memsw.limit_in_bytes", "9223372036854771712\n")
                .file("sys/fs/cgroup/memory/docker/" + ID + "/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\n")
                .file("sys/fs/cgroup/cpu/docker/" + ID + "/cpu.cfs_quota_us", "50000\n")
                .file("sys/fs/cgroup/cpu/docker/" + ID + "/cpu.cfs_period_us", "100000\n")
                .file("sys/fs/cgroup/cpu/docker/" + ID + "/cpu.shares", "1024\n")
                .file("sys/fs/cgroup/pids/docker/" + ID + "/pids.max", "max\n")
                .file("sys/fs/cgroup/devices/docker/" + ID + "/devices.list", "c 1:3 rwm\nc 136:* rwm\n");
    }

    @Test
    void readsEveryProcessOfTheContainerCgroupWithDecodedCapabilities() throws Exception {
        hostWithV1Container();

        Snapshot snapshot = collect(engine().answer("/containers/" + "b".repeat(64) + "/json",
                "{\"Id\":\"" + "b".repeat(64) + "\",\"Name\":\"/gone\",\"State\":{\"Status\":\"exited\",\"Running\":false}}"));

        RuntimeFacts runtime = snapshot.containers().getFirst().runtime().value();
        assertThat(runtime.processes().value()).extracting(ProcessFacts::pid).containsExactly(100, 150);
        ProcessFacts init = runtime.processes().value().getFirst();
        assertThat(init.command()).isEqualTo("nginx");
        assertThat(init.status().value().capabilities().effective())
                .hasSize(14).contains("CAP_CHOWN", "CAP_NET_RAW").doesNotContain("CAP_SYS_ADMIN");
        assertThat(runtime.processes().value().get(1).status().value().capabilities().effective()).contains("CAP_SYS_ADMIN");
        assertThat(init.status().value().seccompMode()).isEqualTo(2);
        assertThat(runtime.processes().value().get(1).status().value().seccompFilters()).isNull();
        assertThat(init.namespaces().value()).containsEntry("net", 4026532200L);
        assertThat(init.lsmLabel().known()).isFalse();
        assertThat(snapshot.host().namespaces().value()).containsEntry("net", 4026531840L);
        assertThat(snapshot.host().namespaceReference()).isEqualTo("pid 1");
        assertThat(snapshot.host().capLastCap().value()).isEqualTo(40);
        assertThat(snapshot.containers().get(1).runtime().unknown()).contains("exited");
    }

    @Test
    void theRunsOfAHealthCheckAreNoExecSessionsAndAreNotInspected() throws Exception {
        hostWithV1Container();
        String events = "/events?since=0&until=1767225600.000000000&filters=" + java.net.URLEncoder.encode(
                "{\"type\":[\"container\"],\"event\":[\"exec_create\"]}", java.nio.charset.StandardCharsets.UTF_8);
        FakeEngine engine = engine()
                .answer("/containers/" + ID + "/json", "{\"Id\":\"" + ID + "\",\"Name\":\"/web\",\"Image\":\"sha256:1\","
                        + "\"State\":{\"Status\":\"running\",\"Running\":true,\"Pid\":100},"
                        + "\"Config\":{\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"curl -f localhost\"]}}}")
                .answer(events, "[" + execEvent("health1", "/bin/sh -c curl -f localhost") + "," + execEvent("operator", "sh") + ","
                        + execEvent("health2", "/bin/sh -c curl -f localhost") + "]")
                .answer("/exec/operator/json", "{\"ID\":\"operator\",\"ProcessConfig\":{\"user\":\"\",\"privileged\":false}}");

        Snapshot snapshot = collect(engine);

        // Only the operator's session, inspected; the health check's runs were asked nothing.
        assertThat(snapshot.daemon().execs().value()).hasSize(1);
        assertThat(snapshot.daemon().execs().value().get(0).path("inspect").path("ID").asText()).isEqualTo("operator");
    }

    private static String execEvent(String execId, String command) {
        return "{\"Type\":\"container\",\"Action\":\"exec_create: " + command + "\",\"time\":1767225000,"
                + "\"Actor\":{\"ID\":\"" + ID + "\",\"Attributes\":{\"execID\":\"" + execId + "\"}}}";
    }

    @Test
    void anEngineOnAnotherMachineGivesThisMachinesProcessesAndFilesToNoneOfItsContainers() throws Exception {
        hostWithV1Container();

        Snapshot snapshot = collect(engine().at("tcp://192.0.2.10:2376").answer("/containers/" + "b".repeat(64) + "/json",
                "{\"Id\":\"" + "b".repeat(64) + "\",\"Name\":\"/gone\",\"State\":{\"Status\":\"exited\",\"Running\":false}}"));

        // Pid 100 here is some process of this machine, not the container's init there.
        assertThat(snapshot.containers().getFirst().runtime().known()).isFalse();
        assertThat(snapshot.containers().getFirst().runtime().unknown()).contains("192.0.2.10 is none of this machine's addresses");
        assertThat(snapshot.host().namespaces().known()).isFalse();
        assertThat(snapshot.host().daemonProcess().known()).isFalse();
        assertThat(snapshot.notes()).anyMatch(note -> note.contains("is on another machine"));
    }

    @Test
    void aProcessThatExitedDuringTheAuditIsSkippedAndNotedNotUnknown() throws Exception {
        hostWithV1Container();
        // Listed by the cgroup scan, gone before its status is read.
        new FixtureHost(root).file("proc/175/cgroup", V1_CGROUP);

        LiveCollector collector = collector(engine());
        Snapshot snapshot = collector.collect();

        RuntimeFacts runtime = snapshot.containers().getFirst().runtime().value();
        assertThat(runtime.processes().value()).extracting(ProcessFacts::pid).containsExactly(100, 150);
        assertThat(runtime.processes().value()).allSatisfy(process -> assertThat(process.status().known()).isTrue());
        // Said on the side: the next audit of the same host may not see it, and must give the same report.
        assertThat(collector.diagnostics()).containsExactly("container web: pid 175 has exited; not counted");
        assertThat(snapshot.notes()).noneMatch(note -> note.contains("exited"));
    }

    @Test
    void aZombieNotYetReapedIsAnExitedProcessNotAnUnknownOne() throws Exception {
        hostWithV1Container();
        // What the kernel shows of a child that exited before its parent's wait: its status, but
        // no namespaces (reading ns/net fails) and no LSM label.
        new FixtureHost(root).file("proc/175/cgroup", V1_CGROUP)
                .file("proc/175/comm", "sleep\n")
                .file("proc/175/status", "Name:\tsleep\nState:\tZ (zombie)\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
                        + "CapInh:\t0\nCapPrm:\t0\nCapEff:\t0\nCapBnd:\t0\nCapAmb:\t0\n");

        LiveCollector collector = collector(engine());
        RuntimeFacts runtime = collector.collect().containers().getFirst().runtime().value();

        assertThat(runtime.processes().value()).extracting(ProcessFacts::pid).containsExactly(100, 150);
        assertThat(collector.diagnostics()).containsExactly("container web: pid 175 has exited; not counted");
    }

    @Test
    void aLiveProcessWhoseNamespacesCannotBeReadStaysAndIsUnknown() throws Exception {
        hostWithV1Container();
        new FixtureHost(root).file("proc/175/cgroup", V1_CGROUP)
                .file("proc/175/comm", "sh\n")
                .file("proc/175/status", "Name:\tsh\nState:\tS (sleeping)\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
                        + "CapInh:\t0\nCapPrm:\t0\nCapEff:\t0\nCapBnd:\t0\nCapAmb:\t0\n");

        LiveCollector collector = collector(engine());
        RuntimeFacts runtime = collector.collect().containers().getFirst().runtime().value();

        assertThat(runtime.processes().value()).extracting(ProcessFacts::pid).containsExactly(100, 150, 175);
        assertThat(runtime.processes().value().getLast().namespaces().known()).isFalse();
        assertThat(collector.diagnostics()).isEmpty();
    }

    @Test
    void readsTheInitsMountTableWithItsReadOnlyFlagsAndEscapes() throws Exception {
        hostWithV1Container();
        new FixtureHost(root).file("proc/100/mountinfo", """
                600 500 0:60 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/l
                601 600 252:1 / /host ro,relatime master:2 - ext4 /dev/vda1 rw
                602 601 0:5 / /host/proc rw,nosuid - proc proc rw
                603 600 252:1 /srv/my\\040data /data\\040dir rw - ext4 /dev/vda1 rw
                """);

        RuntimeFacts runtime = collect(engine()).containers().getFirst().runtime().value();

        assertThat(runtime.mountTable().value()).extracting(m -> m.mountPoint() + (m.readOnly() ? " ro" : " rw"))
                .containsExactly("/ rw", "/host ro", "/host/proc rw", "/data dir rw");
    }

    @Test
    void readsCgroupV1Limits() throws Exception {
        hostWithV1Container();

        CgroupFacts cgroup = collect(engine()).containers().getFirst().runtime().value().cgroup().value();

        assertThat(cgroup.version()).isEqualTo("v1");
        assertThat(cgroup.memoryLimit().value()).isEqualTo(67108864L);
        assertThat(cgroup.memorySwapLimit().value()).isEqualTo(CgroupFacts.UNLIMITED);
        assertThat(cgroup.cpuQuotaMicros().value()).isEqualTo(50000L);
        assertThat(cgroup.cpuPeriodMicros().value()).isEqualTo(100000L);
        assertThat(cgroup.pidsMax().value()).isEqualTo(CgroupFacts.UNLIMITED);
        assertThat(cgroup.oomKillDisabled().value()).isFalse();
        assertThat(cgroup.devices().value()).containsExactly("c 1:3 rwm", "c 136:* rwm");
    }

    @Test
    void readsCgroupV2Limits() throws Exception {
        String path = "/system.slice/docker-" + ID + ".scope";
        new FixtureHost(root)
                .process(1, "init", "000001ffffffffff", "0::/init.scope\n", HOST_NS, "")
                .process(100, "nginx", "00000000a80425fb", "0::" + path + "\n", CONTAINER_NS, "Seccomp:\t2\n")
                .process(101, "worker", "00000000a80425fb", "0::" + path + "\n", CONTAINER_NS, "Seccomp:\t2\n")
                .file("sys/fs/cgroup" + path + "/memory.max", "134217728\n")
                .file("sys/fs/cgroup" + path + "/memory.swap.max", "0\n")
                .file("sys/fs/cgroup" + path + "/cpu.max", "max 100000\n")
                .file("sys/fs/cgroup" + path + "/cpu.weight", "100\n")
                .file("sys/fs/cgroup" + path + "/pids.max", "100\n");

        RuntimeFacts runtime = collect(engine()).containers().getFirst().runtime().value();

        CgroupFacts cgroup = runtime.cgroup().value();
        assertThat(runtime.processes().value()).extracting(ProcessFacts::pid).containsExactly(100, 101);
        assertThat(cgroup.version()).isEqualTo("v2");
        assertThat(cgroup.memoryLimit().value()).isEqualTo(134217728L);
        assertThat(cgroup.memorySwapLimit().value()).isZero();
        assertThat(cgroup.cpuQuotaMicros().value()).isEqualTo(CgroupFacts.UNLIMITED);
        assertThat(cgroup.pidsMax().value()).isEqualTo(100L);
        assertThat(cgroup.devices().unknown()).contains("eBPF");
        assertThat(cgroup.oomKillDisabled().known()).isFalse();
    }

    @Test
    void unreadableFactsAreUnknownWithTheirReasonAndTheAuditGoesOn() throws Exception {
        new FixtureHost(root)
                .process(100, "nginx", "not-hex", V1_CGROUP, CONTAINER_NS, "")
                .file("proc/sys/kernel/cap_last_cap", "40\n");

        Snapshot snapshot = collect(engine());

        ProcessFacts init = snapshot.containers().getFirst().runtime().value().processes().value().getFirst();
        assertThat(init.status().unknown()).contains("/proc/100/status").contains("unexpected content");
        CgroupFacts cgroup = snapshot.containers().getFirst().runtime().value().cgroup().value();
        assertThat(cgroup.memoryLimit().unknown()).endsWith("memory.limit_in_bytes: no such file");
        // pid 1 has no ns entries here: the collector's own process is the reference.
        assertThat(snapshot.host().namespaceReference()).contains("own process");
    }

    @Test
    void containerRemovedDuringTheAuditIsSkippedWithANote() throws Exception {
        hostWithV1Container();

        Snapshot snapshot = collect(engine());

        assertThat(snapshot.containers()).extracting(ContainerRecord::inspect)
                .extracting(inspect -> inspect.path("Name").asText()).containsExactly("/web");
        assertThat(snapshot.notes()).containsExactly("container gone (bbbbbbbbbbbb) was removed during the audit: skipped");
    }

    @Test
    void unreachableDaemonIsACollectExceptionNamingIt() {
        FakeEngine engine = engine().fail("/version",
                new EngineException(EngineException.UNREACHABLE, "cannot reach the Docker daemon at unix:///x.sock: Connection refused"));

        assertThatThrownBy(() -> collect(engine)).isInstanceOf(CollectException.class).hasMessageContaining("unix:///x.sock");
    }

    @Test
    void imagesAreInspectedOnceEach() throws Exception {
        hostWithV1Container();

        Snapshot snapshot = collect(engine());

        assertThat(snapshot.images()).hasSize(1);
        assertThat(snapshot.daemon().info().value().path("SecurityOptions").get(0).asText()).startsWith("name=seccomp");
    }
}
