package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZerodepEngineApiTest {

    @Test
    void missingSocketIsNamed() {
        assertThatThrownBy(() -> ZerodepEngineApi.open("unix:///nonexistent/docker.sock", 1))
                .isInstanceOf(CollectException.class)
                .hasMessage("cannot reach the Docker daemon: no socket at /nonexistent/docker.sock");
    }

    @Test
    void unsupportedSchemeIsRefused() {
        assertThatThrownBy(() -> ZerodepEngineApi.open("ssh://host", 1))
                .isInstanceOf(CollectException.class)
                .hasMessageContaining("unsupported Docker host 'ssh://host'");
    }

    @Test
    void socketThatRefusesConnectionsIsUnreachable(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("dead.sock");
        Files.createFile(socket, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw----")));
        try (ZerodepEngineApi engine = ZerodepEngineApi.open("unix://" + socket, 1)) {
            assertThatThrownBy(() -> engine.get("/version"))
                    .isInstanceOf(EngineException.class)
                    .hasMessageStartingWith("cannot reach the Docker daemon at unix://" + socket);
        }
    }
}
