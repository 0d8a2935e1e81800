package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.dockaudit.model.ProbeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prober against small loopback servers that answer as a daemon would. */
class TcpProberTest {

    private static final String VERSION = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
            + "{\"ApiVersion\":\"1.41\",\"Version\":\"20.10.24\"}";

    @TempDir
    Path dir;

    @Test
    void plainHttpApi() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            serve(server, VERSION);
            assertThat(probe(server)).isEqualTo(ProbeResult.PLAIN_HTTP_API);
        }
    }

    @Test
    void somethingElse() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            serve(server, "SSH-2.0-OpenSSH_9.2\r\n");
            assertThat(probe(server)).isEqualTo(ProbeResult.NOT_DOCKER_API);
        }
    }

    @Test
    void tlsWithoutClientAuthentication() throws Exception {
        try (SSLServerSocket server = tlsServer(false)) {
            serve(server, VERSION);
            assertThat(probe(server)).isEqualTo(ProbeResult.TLS_WITHOUT_CLIENT_AUTH);
        }
    }

    @Test
    void tlsRequiringAClientCertificate() throws Exception {
        try (SSLServerSocket server = tlsServer(true)) {
            serve(server, VERSION);
            assertThat(probe(server)).isEqualTo(ProbeResult.TLS_CLIENT_CERT_REQUIRED);
        }
    }

    private static ProbeResult probe(ServerSocket server) throws IOException {
        return new TcpProber(3000).probe("127.0.0.1", server.getLocalPort());
    }

    /**
     * Answers every connection: plain clients get Go's "HTTP request to an HTTPS server" line on a
     * TLS socket (the handshake fails on them), others the given response.
     */
    private static void serve(ServerSocket server, String response) {
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try (Socket client = server.accept()) {
                    client.setSoTimeout(3000);
                    InputStream in = client.getInputStream();
                    byte[] request = new byte[4096];
                    int read = in.read(request);
                    if (read > 0) {
                        OutputStream out = client.getOutputStream();
                        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException e) {
                    if (server instanceof SSLServerSocket && !server.isClosed()) {
                        continue;
                    }
                    return;
                }
            }
        });
    }

    private SSLServerSocket tlsServer(boolean needClientAuth) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-storetype", "PKCS12", "-dname", "CN=127.0.0.1", "-validity", "2").redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(needClientAuth);
        return server;
    }
}
