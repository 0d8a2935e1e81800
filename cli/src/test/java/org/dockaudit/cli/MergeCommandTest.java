package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet from snapshots collected by hand: the recorded lab as two nodes, and one that cannot be read. */
class MergeCommandTest {

    private static final Path LAB = Path.of("..", "examples", "lab-snapshot.json");

    @Test
    void nodesSharedFindingsAndTheOnesThatDidNotAnswer(@TempDir Path dir) throws Exception {
        Path second = Files.copy(LAB, dir.resolve("node-2.json"));
        Path broken = Files.writeString(dir.resolve("node-3.json"), "{\"formatVersion\": 1, \"containers\": ");

        Cli text = Cli.run("merge", LAB.toString(), second.toString(), broken.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("2 node(s) audited, 1 did not answer")
                .contains(broken + ": truncated JSON")
                .containsPattern("MEDIUM DMN-001 .*: 2 nodes \\(vm, vm \\(node-2.json\\)\\), 2 daemon\\(s\\)")
                .contains("== Fleet recap");

        Path file = dir.resolve("fleet.json");
        assertThat(Cli.run("merge", LAB.toString(), second.toString(), broken.toString(), "--format", "json", "-o", file.toString())
                .exitCode()).isZero();
        JsonNode fleet = Json.MAPPER.readTree(file.toFile());
        assertThat(fleet.path("nodes")).hasSize(2);
        assertThat(fleet.path("nodes").get(0).path("report").path("findings").size()).isGreaterThan(50);
        assertThat(fleet.path("unanswered").get(0).path("name").asText()).isEqualTo(broken.toString());
        // Each cell over the fleet: the worst of the nodes, the targets of both.
        JsonNode single = Json.MAPPER.readTree(Cli.run("analyze", LAB.toString(), "--format", "json").out());
        assertThat(fleet.path("matrix").path("process-privileges").path("escape").asText())
                .isEqualTo(single.path("matrix").path("process-privileges").path("escape").asText());
    }

    @Test
    void noReadableSnapshotIsBadInput(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("node.json"), "not json");
        Cli cli = Cli.run("merge", broken.toString(), dir.resolve("missing.json").toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("dockaudit: no snapshot could be read").doesNotContain("Exception");
    }
}
