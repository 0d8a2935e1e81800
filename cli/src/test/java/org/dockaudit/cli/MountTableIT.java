package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read-only bind is judged by the kernel's mount table, not by its flag. */
class MountTableIT {

    static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    private static final String NAME = "mounts-" + Long.toHexString(System.nanoTime() & 0xffffff);

    @AfterAll
    static void removeContainer() throws Exception {
        Commands.removeLabelled(LABEL);
    }

    @Test
    void hostRootBoundReadOnlyLeavesItsSubmountsWritable(@TempDir Path dir) throws Exception {
        Commands.run(List.of("docker", "run", "-d", "--label", LABEL, "--name", NAME, "-v", "/:/host:ro", LabIT.IMAGE), 60);
        Path report = dir.resolve("report.json");

        assertThat(Cli.run("audit", "--format", "json", "-o", report.toString()).exitCode()).isIn(0, 1);

        JsonNode finding = null;
        for (JsonNode candidate : Json.MAPPER.readTree(report.toFile()).path("findings")) {
            if (candidate.path("id").asText().equals("ISO-009") && candidate.path("target").path("name").asText().equals(NAME)) {
                finding = candidate;
            }
        }
        assertThat(finding).as("ISO-009 on " + NAME).isNotNull();
        assertThat(finding.path("severity").asText()).isEqualTo("critical");
        assertThat(finding.path("evidence").toString()).contains("read-only at the top only").contains("/host/proc");
    }
}
