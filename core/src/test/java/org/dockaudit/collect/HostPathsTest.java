package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPathsTest {

    @TempDir
    Path root;

    @Test
    void absoluteLinksAreFollowedFromTheHostsRootNotTheReaders() throws Exception {
        Files.createDirectories(root.resolve("run"));
        Files.writeString(root.resolve("run/docker.pid"), "1");
        Files.createDirectories(root.resolve("var"));
        Files.createSymbolicLink(root.resolve("var/run"), Path.of("/run"));
        Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        Files.createSymbolicLink(root.resolve("lib"), Path.of("usr/lib"));
        Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.createSymbolicLink(root.resolve("etc/systemd/system/docker.service"), Path.of("/lib/systemd/system/docker.service"));
        Files.writeString(root.resolve("usr/lib/systemd/system/docker.service"), "[Unit]");

        assertThat(HostPaths.under(root, "/var/run/docker.pid")).isEqualTo(root.resolve("run/docker.pid"));
        assertThat(HostPaths.under(root, "/etc/systemd/system/docker.service"))
                .isEqualTo(root.resolve("usr/lib/systemd/system/docker.service"));
        assertThat(HostPaths.under(root, "/lib/../etc")).isEqualTo(root.resolve("etc"));
        assertThat(HostPaths.under(root, "/missing/file")).isEqualTo(root.resolve("missing/file"));
        assertThat(HostPaths.under(Path.of("/"), "/var/run")).isEqualTo(Path.of("/var/run"));
    }

    @Test
    void aLoopEndsAndIsLeftForTheReadToFail() throws Exception {
        Files.createSymbolicLink(root.resolve("a"), Path.of("/b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));
        assertThat(HostPaths.under(root, "/a/file").startsWith(root)).isTrue();
    }
}
