package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.dockaudit.collect.CgroupFs;
import org.dockaudit.collect.ProcFs;
import org.dockaudit.model.CgroupFacts;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.MountEntry;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AOT training's host reads as a host: were a file of it unreadable, the training would skip the code it is there to run. */
class StandInHostTest {

    @TempDir
    Path root;

    @Test
    void itsDaemonAndRunningContainersReadAsOnAHost() throws Exception {
        Snapshot lab = SnapshotFiles.read(Path.of("..", "examples", "lab-snapshot.json"));
        StandInHost.write(root, lab);
        ProcFs proc = new ProcFs(root);
        CgroupFs cgroups = new CgroupFs(root);

        assertThat(proc.capLastCap().value()).isEqualTo(40);
        assertThat(proc.pidsOf("dockerd")).containsExactly(900);
        assertThat(proc.arguments(900).value()).contains("fd://");
        assertThat(proc.socketInodes(900).value()).contains(31_000L);
        assertThat(proc.namespaces(1).value()).hasSize(8);
        List<ContainerRecord> running = lab.containers().stream()
                .filter(container -> container.inspect().path("State").path("Running").asBoolean()).toList();
        assertThat(running).isNotEmpty();
        for (ContainerRecord container : running) {
            int pid = container.inspect().path("State").path("Pid").asInt();
            assertThat(proc.status(pid, 40).value().seccompMode()).isEqualTo(2);
            assertThat(proc.namespaces(pid).value()).hasSize(8);
            assertThat(proc.lsmLabel(pid).value()).isEqualTo("docker-default (enforce)");
            assertThat(proc.mounts(pid).value()).extracting(MountEntry::mountPoint).contains("/", "/run dir");
            assertThat(proc.threadState(pid).known()).isTrue();
            CgroupFacts limits = cgroups.limits(proc.cgroups(pid).value()).value();
            assertThat(limits.version()).isEqualTo("v2");
            assertThat(limits.memoryLimit().value()).isEqualTo(64L << 20);
            assertThat(limits.cpuQuotaMicros().value()).isEqualTo(50_000L);
            assertThat(limits.pidsMax().value()).isEqualTo(50L);
        }
    }
}
