package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image of scripts/image.sh (a jlink runtime, no JDK) run with the README's line audits the host
 * as the tool run on the host does: the same report, seccomp dumps included, with only the
 * auditing container itself left out (and said so). The image is built under a tag of this test
 * and removed with it; the containers it audits carry its label.
 */
class ImageIT {

    private static final Path PROJECT = Path.of(System.getProperty("dockaudit.project", ".."));
    private static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();
    private static final String PREFIX = "image-" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";
    private static final String IMAGE = "dockaudit-test:" + PREFIX + "image";

    @BeforeAll
    static void build() throws Exception {
        Commands.run(List.of(PROJECT.resolve("scripts/image.sh").toString(), IMAGE), 600);
        Commands.run(List.of("docker", "run", "-d", "--label", LABEL, "--name", PREFIX + "web", LabIT.IMAGE), 60);
        Commands.run(List.of("docker", "run", "-d", "--label", LABEL, "--name", PREFIX + "admin", "--cap-add", "NET_ADMIN",
                "--pids-limit", "50", LabIT.IMAGE), 60);
    }

    @AfterAll
    static void remove() throws Exception {
        Commands.removeLabelled(LABEL);
        Commands.run(List.of("docker", "rmi", IMAGE), 60);
    }

    @Test
    void theImageGivesTheHostsReport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("host.json");
        Cli host = Cli.run("audit", "--format", "json", "-o", file.toString());
        assertThat(host.exitCode()).as(host.err()).isIn(0, 1);
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--label", LABEL, "--name", PREFIX + "auditor",
                "--pid=host", "--network=host", "--cgroupns=host", "--userns=host", "--cap-add", "SYS_PTRACE", "--cap-add", "SYS_ADMIN", "--cap-add", "AUDIT_CONTROL",
                "--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined",
                "-v", "/var/run/docker.sock:/var/run/docker.sock", "-v", "/:/host:ro", "-v", dir + ":/out",
                IMAGE, "audit", "--host-root", "/host", "--format", "json", "-o", "/out/image.json"));
        Commands.run(command, 120);
        JsonNode fromImage = Json.MAPPER.readTree(dir.resolve("image.json").toFile());
        JsonNode fromHost = Json.MAPPER.readTree(file.toFile());

        assertThat(fromImage.path("notes").toString()).contains(PREFIX + "auditor").contains("is the one dockaudit runs in: not audited");
        // The dumps were made from inside the image: the filters were read, not left unknown.
        assertThat(outcome(fromImage, "KRN-023", PREFIX + "web")).isNotEqualTo("unknown");
        assertThat(comparable(fromImage).toPrettyString()).isEqualTo(comparable(fromHost).toPrettyString());
    }

    private static JsonNode comparable(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        ((ObjectNode) copy.path("source")).remove("collectedAt");
        copy.remove("notes");
        return copy;
    }

    private static String outcome(JsonNode report, String id, String target) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals(id) && check.path("target").path("name").asText().equals(target)) {
                return check.path("outcome").asText();
            }
        }
        throw new AssertionError("no " + id + " on " + target);
    }
}
