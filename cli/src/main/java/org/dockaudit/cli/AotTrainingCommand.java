package org.dockaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.Fact;
import org.dockaudit.model.ImageRecord;
import org.dockaudit.model.Json;
import org.dockaudit.model.Snapshot;
import org.dockaudit.snapshot.SnapshotFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The launcher's training run for JDK 25's ahead-of-time cache: the main commands on the recorded
 * lab, so that the classes they load and the methods they run are in the cache. The audit goes
 * to a stand-in daemon that this command serves from the recording, on a unix socket of its own
 * (relayed to loopback), with a {@link StandInHost} for root: the training reads nothing of the
 * host it runs on, and talks to no daemon.
 * Everything it writes goes nowhere.
 */
@Command(name = "aot-training", hidden = true,
        description = "The launcher's training run for the JVM's ahead-of-time cache (reads nothing of this host).")
final class AotTrainingCommand implements Callable<Integer> {

    private final java.io.InputStream in;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "The recorded lab (examples/lab-snapshot.json).")
    Path snapshot;

    AotTrainingCommand(java.io.InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws Exception {
        Snapshot lab = SnapshotFiles.read(snapshot);
        HttpServer daemon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, JsonNode> answers = answers(lab);
        daemon.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath().replaceFirst("^/v[0-9.]+/", "/");
            String query = exchange.getRequestURI().getRawQuery();
            JsonNode answer = answers.get(query == null ? path : path + "?" + query);
            byte[] body = answer == null ? "{\"message\":\"not recorded\"}".getBytes() : Json.MAPPER.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        daemon.start();
        Path root = Files.createTempDirectory("dockaudit-training");
        Path standIn = root.resolve("host");
        // The daemon's socket is a unix one, as on a real host: served by relaying to the stand-in.
        Path socket = root.resolve("docker.sock");
        java.nio.channels.ServerSocketChannel relay = relay(socket, daemon.getAddress().getPort());
        try {
            StandInHost.write(standIn, lab);
            String host = "unix://" + socket;
            // What an audit of running containers sets up before its first seccomp dump: the
            // foreign-function handle of its system calls, linked, and called with getpid, which
            // changes and reads nothing.
            Class.forName(org.dockaudit.collect.SeccompDumper.class.getName(), true, getClass().getClassLoader());
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                org.dockaudit.collect.SystemCalls.call(org.dockaudit.collect.SystemCalls.errnoState(arena),
                        org.dockaudit.collect.SystemCalls.number("getpid"));
            }
            PrintWriter silent = new PrintWriter(Writer.nullWriter());
            int worst = ExitCode.OK.code;
            for (String format : List.of("text", "json", "sarif", "html")) {
                for (String[] command : List.of(new String[] {"audit", "--host", host, "--root", standIn.toString(), "--format", format},
                        new String[] {"analyze", snapshot.toString(), "--format", format})) {
                    // Findings (exit 1) are what a training on the lab should give; past that, it failed.
                    int code = Main.run(command, OutputStream.nullOutputStream(), silent, in, false, Map.of());
                    worst = code > ExitCode.FINDINGS.code ? Math.max(worst, code) : worst;
                }
            }
            return worst;
        } finally {
            relay.close();
            daemon.stop(0);
            // Links are removed, never followed: the stand-in's point at paths of this host.
            try (java.util.stream.Stream<Path> made = Files.walk(root)) {
                for (Path path : made.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** A unix socket at {@code socket} whose every connection is relayed to the stand-in daemon on loopback. */
    private static java.nio.channels.ServerSocketChannel relay(Path socket, int port) throws java.io.IOException {
        java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        server.bind(java.net.UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().start(() -> {
            while (server.isOpen()) {
                try {
                    java.nio.channels.SocketChannel client = server.accept();
                    java.nio.channels.SocketChannel upstream = java.nio.channels.SocketChannel.open(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    Thread.ofPlatform().daemon().start(() -> pump(client, upstream));
                    Thread.ofPlatform().daemon().start(() -> pump(upstream, client));
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    /** Copies {@code from} to {@code to} until either ends, then closes both. */
    private static void pump(java.nio.channels.SocketChannel from, java.nio.channels.SocketChannel to) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(64 << 10);
        try (from; to) {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (java.io.IOException e) {
            // The other side closed: the connection is over.
        }
    }

    /** What the stand-in daemon answers, by path: the recording's documents. */
    private static Map<String, JsonNode> answers(Snapshot lab) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        put(answers, "/version", lab.daemon().version());
        put(answers, "/info", lab.daemon().info());
        put(answers, "/plugins", lab.daemon().plugins());
        put(answers, "/networks/bridge", lab.daemon().defaultBridge());
        ArrayNode summaries = Json.MAPPER.createArrayNode();
        for (ContainerRecord container : lab.containers()) {
            JsonNode inspect = container.inspect();
            summaries.addObject().put("Id", inspect.path("Id").asText()).put("State", inspect.path("State").path("Status").asText())
                    .putArray("Names").add(inspect.path("Name").asText());
            answers.put("/containers/" + inspect.path("Id").asText() + "/json", inspect);
        }
        answers.put("/containers/json?all=1", summaries);
        for (ImageRecord image : lab.images()) {
            answers.put("/images/" + image.inspect().path("Id").asText() + "/json", image.inspect());
        }
        return answers;
    }

    private static void put(Map<String, JsonNode> answers, String path, Fact<JsonNode> fact) {
        if (fact != null && fact.known()) {
            answers.put(path, fact.value());
        }
    }
}
