package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second dockerd, on a scratch data root, listening on loopback TCP: in clear, with TLS but no
 * client verification, and with mutual TLS on certificates this test makes. Each is audited
 * through its own unix socket, and the TCP listener probed on the wire. The daemon is this
 * test's own process, stopped by it.
 */
class ControlInterfacesIT {

    @TempDir
    Path dir;

    private SecondDaemon daemon;

    @AfterEach
    void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void plainTcpIsReportedAsRemoteRoot() throws Exception {
        int port = freePort();
        Path socket = startDaemon(List.of("-H", "tcp://127.0.0.1:" + port));

        JsonNode report = audit(socket);

        JsonNode finding = finding(report, "CTL-003");
        assertThat(finding.path("severity").asText()).isEqualTo("critical");
        assertThat(finding.path("evidence").toString()).contains("127.0.0.1:" + port).contains("plain HTTP");
    }

    /** Daemon settings as the running daemon was given them (CIS 2.3, 2.16), and its own files judged (3.x). */
    @Test
    void settingsComeFromTheRunningDaemonsCommandLine() throws Exception {
        Path socket = startDaemon(List.of("--log-level", "warn", "--userland-proxy=false"));

        JsonNode report = audit(socket);

        assertThat(finding(report, "DMN-014").path("evidence").toString()).contains("log-level warn (dockerd command line)");
        assertThat(detail(report, "DMN-012")).isEqualTo("userland-proxy false (dockerd command line)");
        assertThat(detail(report, "FIL-016")).contains(socket + " mode 660");
    }

    /**
     * dockerd 20.10 verifies clients whenever it loads a CA, even under {@code --tls} without
     * {@code --tlsverify}: the configuration string says one thing, the wire another, and the
     * wire is what an attacker meets.
     */
    @Test
    void tlsFlagWithoutVerifyIsJudgedOnTheWire() throws Exception {
        Path tls = certificates();
        // openssl leaves the CA 644 and the keys 600; the server key is made readable by everyone.
        Files.setPosixFilePermissions(tls.resolve("server-key.pem"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        int port = freePort();
        Path socket = startTlsDaemon("--tls", tls, port);

        JsonNode report = audit(socket);

        // The daemon's TLS files are the ones its flags name, judged by their modes on disk.
        assertThat(finding(report, "FIL-014").path("severity").asText()).isEqualTo("high");
        assertThat(finding(report, "FIL-014").path("evidence").toString()).contains(tls.resolve("server-key.pem") + " mode 644");
        assertThat(finding(report, "FIL-010").path("evidence").toString()).contains(tls.resolve("ca.pem") + " mode 644");
        assertThat(outcome(report, "FIL-009")).isEqualTo("pass");

        assertThat(outcome(report, "CTL-004")).isEqualTo("pass");
        assertThat(detail(report, "CTL-004")).contains("refused on 127.0.0.1:" + port).contains("--tls without --tlsverify");
        assertThat(outcome(report, "CTL-003")).isEqualTo("pass");
    }

    @Test
    void mutualTlsPasses() throws Exception {
        Path tls = certificates();
        for (String file : List.of("ca.pem", "server-cert.pem")) {
            Files.setPosixFilePermissions(tls.resolve(file), java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        }
        Files.setPosixFilePermissions(tls.resolve("server-key.pem"), java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
        int port = freePort();
        Path socket = startTlsDaemon("--tlsverify", tls, port);

        JsonNode report = audit(socket);

        for (String item : List.of("FIL-009", "FIL-010", "FIL-011", "FIL-012", "FIL-013", "FIL-014")) {
            assertThat(outcome(report, item)).as(item).isEqualTo("pass");
        }
        assertThat(detail(report, "FIL-014")).contains(tls.resolve("server-key.pem") + " mode 400 root:root");

        assertThat(outcome(report, "CTL-003")).isEqualTo("pass");
        assertThat(outcome(report, "CTL-004")).isEqualTo("pass");
        // The setup is real mutual TLS: a client with a certificate of the CA is let in.
        String version = run(List.of("curl", "-sf", "--cacert", tls.resolve("ca.pem").toString(),
                "--cert", tls.resolve("client-cert.pem").toString(), "--key", tls.resolve("client-key.pem").toString(),
                "https://127.0.0.1:" + port + "/version"));
        assertThat(version).contains("ApiVersion");
    }

    /** A daemon on a loopback TCP port with the lab CA and server certificate, under {@code --tls} or {@code --tlsverify}. */
    private Path startTlsDaemon(String mode, Path tls, int port) throws Exception {
        return startDaemon(List.of(mode, "--tlscacert", tls.resolve("ca.pem").toString(),
                "--tlscert", tls.resolve("server-cert.pem").toString(), "--tlskey", tls.resolve("server-key.pem").toString(),
                "-H", "tcp://127.0.0.1:" + port));
    }

    private Path startDaemon(List<String> options) throws Exception {
        daemon = SecondDaemon.start(dir, options);
        return daemon.socket;
    }

    private JsonNode audit(Path socket) throws IOException {
        Path file = dir.resolve("report.json");
        Cli cli = Cli.run("audit", "--host", "unix://" + socket, "--format", "json", "-o", file.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        return Json.MAPPER.readTree(file.toFile());
    }

    private static JsonNode finding(JsonNode report, String id) {
        for (JsonNode finding : report.path("findings")) {
            if (finding.path("id").asText().equals(id)) {
                return finding;
            }
        }
        throw new AssertionError("no " + id + " finding; checks: " + report.path("checks"));
    }

    private static String outcome(JsonNode report, String id) {
        JsonNode check = check(report, id);
        return check.path("outcome").asText() + (check.path("outcome").asText().equals("pass") ? "" : ": " + check.path("detail"));
    }

    private static String detail(JsonNode report, String id) {
        return check(report, id).path("detail").asText();
    }

    private static JsonNode check(JsonNode report, String id) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("id").asText().equals(id)) {
                return check;
            }
        }
        throw new AssertionError("no outcome of " + id);
    }

    /** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
    private Path certificates() throws Exception {
        Path tls = Files.createDirectories(dir.resolve("tls"));
        String d = tls.toString();
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=dockaudit test CA",
                "-keyout", d + "/ca-key.pem", "-out", d + "/ca.pem"));
        Files.writeString(tls.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Files.writeString(tls.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        for (String who : List.of("server", "client")) {
            run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + who,
                    "-keyout", d + "/" + who + "-key.pem", "-out", d + "/" + who + ".csr"));
            run(List.of("openssl", "x509", "-req", "-in", d + "/" + who + ".csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca-key.pem",
                    "-CAcreateserial", "-days", "2", "-extfile", d + "/" + who + ".ext", "-out", d + "/" + who + "-cert.pem"));
        }
        return tls;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        return Commands.run(command, 60);
    }
}
