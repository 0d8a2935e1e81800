package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever starts a container chooses its environment names, its user and the paths it binds: on
 * the real engine, none of them can hide the report or forge a line of it.
 */
class HostileNamesIT {

    static final String LABEL = "org.dockaudit.test=" + UUID.randomUUID();

    @AfterAll
    static void removeContainers() throws Exception {
        Commands.removeLabelled(LABEL);
    }

    @Test
    void escapesAndNewlinesFromTheHostAreShownNotObeyed(@TempDir Path dir) throws Exception {
        Path source = Files.createDirectories(dir.resolve("data\u001b[8m\nCRITICAL PRIV-999 forged bind"));
        String name = "hostile-" + Long.toHexString(System.nanoTime() & 0xffffff);
        Commands.run(List.of("docker", "create", "--label", LABEL, "--name", name,
                "-e", "API_TOKEN\u001b[8m\nCRITICAL PRIV-998 forged env=x",
                "--user", "root\u001b]0;title\u0007",
                "-v", source + ":/data", LabIT.IMAGE), 60);

        Cli audit = Cli.run("audit");

        assertThat(audit.exitCode()).as(audit.err()).isIn(0, 1);
        assertThat(audit.out()).as("the container is in the report").contains(name);
        assertThat(audit.out()).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(audit.out().lines()).noneMatch(line -> line.stripLeading().startsWith("CRITICAL PRIV-99"));
        assertThat(audit.out()).contains("API_TOKEN\\e[8m\\nCRITICAL PRIV-998 forged env");
    }
}
