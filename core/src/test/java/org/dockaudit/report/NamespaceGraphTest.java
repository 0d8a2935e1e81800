package org.dockaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;

/**
 * The namespace graph of the recorded lab, against golden files reviewed by hand: the host's
 * user and cgroup namespaces (no userns-remap, cgroup v1), lab-hostns in the host's pid, net and
 * ipc namespaces, and lab-sidecar in lab-socket's network namespace.
 */
class NamespaceGraphTest {

    private static final Path LAB = Path.of("..", "examples", "lab-snapshot.json");

    private static String render(ReportFormat<NamespaceGraph> format) throws Exception {
        Snapshot snapshot = SnapshotFiles.read(LAB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(NamespaceGraph.of(snapshot), out, new ReportFormat.Options(false, false));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String golden(String name) throws Exception {
        return Files.readString(Path.of("src", "test", "resources", "namespaces", name), StandardCharsets.UTF_8);
    }

    @Test
    void dotAndOvaliMatchTheirGoldenFiles() throws Exception {
        assertThat(render(new NamespaceGraph.Dot())).isEqualTo(golden("lab.dot"));
        assertThat(render(new NamespaceGraph.Ovali())).isEqualTo(golden("lab.ovali.json"));
    }

    @Test
    void sharingComesFromTheInodesAndTheHostsNamespacesAreDrawnOnce() throws Exception {
        NamespaceGraph graph = NamespaceGraph.of(SnapshotFiles.read(LAB));

        assertThat(graph.links()).contains(new NamespaceGraph.Link("lab-sidecar", "lab-socket", java.util.List.of("net")));
        assertThat(graph.links()).contains(new NamespaceGraph.Link("host", "lab-hostns", java.util.List.of("pid", "net", "ipc", "user", "cgroup")));
        assertThat(graph.links()).as("the host's user namespace is not a link between every two containers")
                .noneMatch(link -> !link.source().equals("host") && link.rels().contains("user"));
        assertThat(graph.unread()).containsKey("lab-privileged");
    }
}
