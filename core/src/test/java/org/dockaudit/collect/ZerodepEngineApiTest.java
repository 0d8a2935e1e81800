package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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

    private static final ZerodepEngineApi.Timeouts SHORT = new ZerodepEngineApi.Timeouts(Duration.ofSeconds(1), Duration.ofMillis(800));

    /** A daemon socket that accepts connections and does what {@code behaviour} says with each. */
    private static Thread fakeDaemon(Path socket, Consumer<SocketChannel> behaviour) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread thread = Thread.ofPlatform().daemon().start(() -> {
            List<SocketChannel> open = new ArrayList<>();
            try (server) {
                while (true) {
                    SocketChannel client = server.accept();
                    open.add(client);
                    Thread.ofPlatform().daemon().start(() -> behaviour.accept(client));
                }
            } catch (Exception e) {
                // closed by the test
            }
        });
        return thread;
    }

    @Test
    void aDaemonThatNeverAnswersIsNamedWithinTheTimeout(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("silent.sock");
        Thread daemon = fakeDaemon(socket, client -> { });
        try (ZerodepEngineApi engine = ZerodepEngineApi.open("unix://" + socket, 1, SHORT)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> engine.get("/version"))
                    .isInstanceOf(EngineException.class)
                    .hasMessage("the Docker daemon at unix://" + socket + " did not answer GET /version within 0.8 s (--timeout)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            daemon.interrupt();
        }
    }

    @Test
    void anEndlessBodyEndsAtTheTimeout(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("endless.sock");
        Thread daemon = fakeDaemon(socket, client -> {
            try {
                client.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer chunk = ByteBuffer.wrap("2\r\n[1\r\n".getBytes(StandardCharsets.US_ASCII));
                while (true) {
                    client.write(chunk.rewind());
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                // the client went away
            }
        });
        try (ZerodepEngineApi engine = ZerodepEngineApi.open("unix://" + socket, 1, SHORT)) {
            assertThatThrownBy(() -> engine.get("/containers/json?all=1"))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("did not answer GET /containers/json?all=1 within 0.8 s");
        } finally {
            daemon.interrupt();
        }
    }
}
