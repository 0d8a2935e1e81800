package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.dockaudit.model.DaemonFiles;
import org.dockaudit.model.DataRoot;
import org.dockaudit.model.Fact;
import org.dockaudit.model.FileStatus;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host facts read from a fixture tree: the daemon's files with their modes, the data root's mount, content trust. */
class HostReaderTest {

    private static final Map<String, Long> NS = Map.of("net", 4026531840L);

    @TempDir
    Path root;

    private HostFacts read(String daemonJson, String... dockerdArguments) throws IOException {
        FixtureHost host = new FixtureHost(root);
        if (!Files.exists(root.resolve("proc/1"))) {
            host.process(1, "init", "000001ffffffffff", "0::/\n", NS, "")
                .process(50, "dockerd", "000001ffffffffff", "0::/\n", NS, "")
                .file("proc/50/net/unix", "Num       RefCount Protocol Flags    Type St Inode Path\n")
                .file("proc/50/mountinfo", """
                        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
                        23 22 0:21 / /proc rw - proc proc rw
                        40 22 8:17 / /var/lib/docker rw,relatime shared:20 - xfs /dev/sdb1 rw
                        41 22 8:1 /srv/docker /srv/docker rw,relatime shared:1 - ext4 /dev/sda1 rw
                        """);
            Files.createDirectories(root.resolve("proc/50/fd"));
        }
        host.file("proc/50/cmdline", String.join("\0", dockerdArguments) + "\0");
        if (daemonJson != null) {
            host.file("etc/docker/daemon.json", daemonJson);
        }
        return new HostReader(root, false, new ProcFs(root), (address, port) -> {
            throw new IOException("no network in this test");
        }, "unix:///var/run/docker.sock").read(Fact.of(Json.MAPPER.readTree("{\"DockerRootDir\":\"/var/lib/docker\"}")));
    }

    private Path file(String path, String mode) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, "x");
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static DaemonFiles.Located role(HostFacts facts, String role) {
        return facts.daemonFiles().value().roles().get(role).value();
    }

    @Test
    void everyUnitDirectoryAndDropInIsFoundWithItsMode() throws IOException {
        file("lib/systemd/system/docker.service", "rw-rw-rw-");
        file("etc/systemd/system/docker.service.d/override.conf", "rw-r--r--");
        file("etc/systemd/system/docker.service.d/notes.txt", "rw-rw-rw-");
        Files.createDirectories(root.resolve("etc/systemd/system"));
        // A masked unit is a link to /dev/null: a device, not a file to judge.
        Files.createSymbolicLink(root.resolve("etc/systemd/system/docker.socket"), Path.of("/dev/null"));

        HostFacts facts = read(null, "dockerd", "-H", "fd://");

        assertThat(role(facts, DaemonFiles.DOCKER_SERVICE).found()).extracting(FileStatus::path, FileStatus::mode, FileStatus::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/etc/systemd/system/docker.service.d/override.conf", "644", "file"),
                        org.assertj.core.groups.Tuple.tuple("/lib/systemd/system/docker.service", "666", "file"));
        assertThat(role(facts, DaemonFiles.DOCKER_SERVICE).searched()).contains("/usr/lib/systemd/system/docker.service.d/*.conf");
        assertThat(role(facts, DaemonFiles.DOCKER_SOCKET_UNIT).found()).isEmpty();
    }

    @Test
    void tlsFilesAreTheOnesTheDaemonNamesOrNoneWithoutTls() throws IOException {
        file("etc/docker/tls/ca.pem", "rw-r--r--");
        file("etc/docker/tls/key.pem", "rw-------");
        Path key = root.resolve("etc/docker/tls/key.pem");
        boolean chowned = chown(key, 1000);

        HostFacts named = read("{\"tlsverify\": true, \"tlscacert\": \"/etc/docker/tls/ca.pem\"}",
                "dockerd", "--tlskey=/etc/docker/tls/key.pem");
        assertThat(role(named, DaemonFiles.TLS_CA).found()).singleElement().extracting(FileStatus::mode).isEqualTo("644");
        FileStatus tlsKey = role(named, DaemonFiles.TLS_KEY).found().getFirst();
        assertThat(tlsKey.path()).isEqualTo("/etc/docker/tls/key.pem");
        if (chowned) {
            assertThat(tlsKey.uid()).isEqualTo(1000);
        }
        // TLS on, no certificate named: dockerd's default under root's ~/.docker.
        assertThat(role(named, DaemonFiles.TLS_CERTIFICATE).searched()).containsExactly("/root/.docker/cert.pem");

        HostFacts plain = read("{}", "dockerd");
        assertThat(role(plain, DaemonFiles.TLS_CA).searched()).isEmpty();
        assertThat(role(plain, DaemonFiles.TLS_CA).why()).contains("uses no TLS");

        HostFacts broken = read("{not json", "dockerd");
        assertThat(broken.daemonFiles().value().roles().get(DaemonFiles.TLS_CA).known()).isFalse();
        assertThat(broken.daemonFiles().value().roles().get(DaemonFiles.TLS_CA).unknown()).contains("does not parse");
    }

    @Test
    void registryCertificatesAreTheFilesOfEachRegistryDirectory() throws IOException {
        file("etc/docker/certs.d/registry.example:5000/ca.crt", "rw-r--r--");
        file("etc/docker/certs.d/registry.example:5000/client.key", "r--------");
        file("etc/docker/certs.d/README", "rw-r--r--");

        HostFacts facts = read(null, "dockerd");

        assertThat(role(facts, DaemonFiles.REGISTRY_CERTIFICATES).found()).extracting(FileStatus::path).containsExactly(
                "/etc/docker/certs.d/registry.example:5000/ca.crt", "/etc/docker/certs.d/registry.example:5000/client.key");
        assertThat(role(facts, DaemonFiles.CONFIG_DIRECTORY).found()).singleElement().extracting(FileStatus::type).isEqualTo("directory");
        assertThat(role(facts, DaemonFiles.SYSCONFIG_DOCKER).found()).isEmpty();
        assertThat(role(facts, DaemonFiles.SYSCONFIG_DOCKER).searched()).containsExactly("/etc/sysconfig/docker");
    }

    @Test
    void theDataRootsFileSystemIsTheDeepestMountHoldingItInTheDaemonsNamespace() throws IOException {
        DataRoot separate = read(null, "dockerd").dataRoot().value();
        assertThat(separate.mount().mountPoint()).isEqualTo("/var/lib/docker");
        assertThat(separate.mount().device()).isEqualTo("8:17");
        assertThat(separate.onRootFileSystem()).isFalse();

        // A bind mount of a directory of / is a mount point, on the same device: not a partition.
        HostFacts bound = new HostReader(root, false, new ProcFs(root), (a, p) -> null, "unix:///var/run/docker.sock")
                .read(Fact.of(Json.MAPPER.readTree("{\"DockerRootDir\":\"/srv/docker/data\"}")));
        assertThat(bound.dataRoot().value().mount().mountPoint()).isEqualTo("/srv/docker");
        assertThat(bound.dataRoot().value().onRootFileSystem()).isTrue();
    }

    @Test
    void contentTrustIsReadFromTheSystemWideLoginFiles() throws IOException {
        new FixtureHost(root).file("etc/environment", "PATH=/usr/bin\nDOCKER_CONTENT_TRUST=1\n")
                .file("etc/profile.d/docker.sh", "# export DOCKER_CONTENT_TRUST=1\nexport DOCKER_CONTENT_TRUST=0\n");

        HostFacts facts = read(null, "dockerd");

        assertThat(facts.contentTrust().value().values())
                .containsEntry("/etc/environment", "1")
                .containsEntry("/etc/profile.d/docker.sh", "0");
        assertThat(facts.contentTrust().value().searched()).contains("/etc/profile", "/etc/profile.d/docker.sh");
    }

    @Test
    void auditRulesAreTheFilesAuditdLoadsAtBootAndThePathsThatExist() throws IOException {
        new FixtureHost(root).file("usr/sbin/auditd", "")
                .file("etc/audit/audit.rules", "-D\n")
                .file("etc/audit/rules.d/docker.rules", "-w /usr/bin/dockerd -p wa -k docker\n")
                .file("etc/audit/rules.d/notes.txt", "-w /nothing\n")
                .file("usr/bin/dockerd", "")
                .file("etc/docker/daemon.json", "{}");

        var audit = read(null, "dockerd").auditRules().value();

        assertThat(audit.auditd()).isEqualTo("/usr/sbin/auditd");
        assertThat(audit.rules()).containsOnlyKeys("/etc/audit/audit.rules", "/etc/audit/rules.d/docker.rules");
        assertThat(audit.existing()).contains("/usr/bin/dockerd", "/etc/docker", "/etc/docker/daemon.json").doesNotContain("/usr/bin/runc");
        // A host read under a prefix is not the kernel this process talks to.
        assertThat(audit.loaded().known()).isFalse();
        assertThat(audit.loaded().unknown()).contains("not its kernel");
    }

    private static boolean chown(Path file, int uid) {
        try {
            Files.setAttribute(file, "unix:uid", uid);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

}
