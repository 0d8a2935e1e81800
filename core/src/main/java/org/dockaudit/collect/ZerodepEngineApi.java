package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.dockaudit.model.Json;

/**
 * {@link EngineApi} over docker-java's dependency-free transport (unix socket or plain TCP). Every
 * request has a deadline of its own: the transport's read timeout does not hold on a unix socket,
 * and no read timeout stops a daemon that answers slowly forever or sends an endless body.
 */
public final class ZerodepEngineApi implements EngineControl {


    /**
     * @param connect how long to wait for the connection
     * @param request how long one request may take, from sending it to the last byte of its answer
     */
    public record Timeouts(Duration connect, Duration request) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** No Engine API answer is this large; past it, the body is taken for an endless one. */
    static final int MAX_BODY_BYTES = 256 << 20;

    // Daemon threads: a request stuck in a read that no interrupt reaches must not keep the JVM alive.
    private static final ExecutorService REQUESTS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "engine-request");
        thread.setDaemon(true);
        return thread;
    });

    private final DockerHttpClient client;
    private final String endpoint;
    private final Timeouts timeouts;

    private ZerodepEngineApi(DockerHttpClient client, String endpoint, Timeouts timeouts) {
        this.client = client;
        this.endpoint = endpoint;
        this.timeouts = timeouts;
    }

    public static ZerodepEngineApi open(String host, int maxConnections) throws CollectException {
        return open(host, maxConnections, Timeouts.DEFAULT);
    }

    /**
     * Opens a client for {@code host} ({@code unix:///path} or {@code tcp://host:port}). A missing
     * or forbidden socket is reported before any request, naming the socket.
     */
    public static ZerodepEngineApi open(String host, int maxConnections, Timeouts timeouts) throws CollectException {
        URI uri;
        try {
            uri = URI.create(host);
        } catch (IllegalArgumentException e) {
            throw new CollectException("invalid Docker host '" + host + "': " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "unix" -> {
                Path socket = Path.of(uri.getPath());
                if (!Files.exists(socket) && socket.getFileName() != null && socket.getFileName().toString().startsWith("podman")) {
                    // Podman runs no daemon: its API service is started on demand.
                    throw new CollectException("cannot reach Podman's API service: no socket at " + socket + " (start it: podman system"
                            + " service --time=0 unix://" + socket + ", or systemctl start podman.socket; rootless: systemctl --user"
                            + " start podman.socket)");
                }
                if (!Files.exists(socket)) {
                    throw new CollectException("cannot reach the Docker daemon: no socket at " + socket);
                }
                if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
                    throw new CollectException("cannot reach the Docker daemon: permission denied on " + socket
                            + " (run as root or as a member of its group)");
                }
            }
            case "tcp" -> {}
            default -> throw new CollectException("unsupported Docker host '" + host + "': use unix:///path or tcp://host:port");
        }
        ZerodepDockerHttpClient.Builder builder = new ZerodepDockerHttpClient.Builder()
                .dockerHost(uri)
                .maxConnections(maxConnections)
                .connectionTimeout(timeouts.connect())
                .responseTimeout(timeouts.request());
        if (scheme.equals("unix")) {
            // No TLS on a unix socket, but the client wants a context: without one it builds the
            // JDK's default (its trust store read, 50 ms of each run), and one from the JDK loads
            // its security providers (25 ms). On TCP, a context given would turn HTTPS on.
            builder.sslConfig(NoTls::context);
        }
        DockerHttpClient client = builder.build();
        return new ZerodepEngineApi(client, host, timeouts);
    }

    /** The TLS context of a connection that has no TLS: one that refuses any use, so that a use is a bug seen at once. */
    private static final class NoTls extends SSLContextSpi {

        static SSLContext context() {
            return new SSLContext(new NoTls(), null, "none") {};
        }

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("no TLS on a unix socket");
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }

    @Override
    public JsonNode get(String path) throws EngineException {
        return call(DockerHttpClient.Request.Method.GET, path, null);
    }

    @Override
    public byte[] getBytes(String path) throws EngineException {
        JsonNode wrapped = call(DockerHttpClient.Request.Method.GET, path, null, Body.BYTES);
        try {
            return wrapped.binaryValue();
        } catch (IOException e) {
            throw new IllegalStateException("a binary node holds its bytes", e);
        }
    }

    @Override
    public JsonNode getSequence(String path) throws EngineException {
        return call(DockerHttpClient.Request.Method.GET, path, null, Body.SEQUENCE);
    }

    @Override
    public JsonNode post(String path, JsonNode body) throws EngineException {
        return call(DockerHttpClient.Request.Method.POST, path, body);
    }

    @Override
    public void delete(String path) throws EngineException {
        call(DockerHttpClient.Request.Method.DELETE, path, null);
    }

    private JsonNode call(DockerHttpClient.Request.Method method, String path, JsonNode body) throws EngineException {
        return call(method, path, body, Body.DOCUMENT);
    }

    /** How an answer's body is read: one JSON document, JSON documents one after another, or bytes. */
    private enum Body { DOCUMENT, SEQUENCE, BYTES }

    private JsonNode call(DockerHttpClient.Request.Method method, String path, JsonNode body, Body kind) throws EngineException {
        Future<JsonNode> answer = REQUESTS.submit(() -> fetch(method, path, body, kind));
        try {
            return answer.get(timeouts.request().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The interrupt closes the socket channel the request is blocked on.
            answer.cancel(true);
            throw new EngineException(EngineException.UNREACHABLE, "the Docker daemon at " + endpoint + " did not answer "
                    + method + " " + path + " within " + seconds(timeouts.request()) + " (--timeout)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EngineException engine) {
                throw engine;
            }
            throw new EngineException(EngineException.UNREACHABLE,
                    "cannot reach the Docker daemon at " + endpoint + ": " + rootMessage(e.getCause()));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.UNREACHABLE, "interrupted while waiting for the Docker daemon at " + endpoint);
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }

    private JsonNode fetch(DockerHttpClient.Request.Method method, String path, JsonNode body, Body kind) throws EngineException {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder().method(method).path(path);
        if (body != null) {
            try {
                request.putHeader("Content-Type", "application/json")
                        .body(new java.io.ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new IllegalStateException("a JSON tree always serialises", e);
            }
        }
        try (DockerHttpClient.Response response = client.execute(request.build()); InputStream answer = response.getBody()) {
            byte[] bytes = answer.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new EngineException(EngineException.UNREACHABLE, "the Docker daemon at " + endpoint + " sent more than "
                        + (MAX_BODY_BYTES >> 20) + " MiB for " + method + " " + path + ": not an Engine API answer");
            }
            int status = response.getStatusCode();
            if (status / 100 != 2) {
                throw new EngineException(status, method + " " + path + ": HTTP " + status + errorMessage(bytes));
            }
            if (kind == Body.BYTES) {
                return Json.MAPPER.getNodeFactory().binaryNode(bytes);
            }
            if (kind == Body.SEQUENCE) {
                com.fasterxml.jackson.databind.node.ArrayNode documents = Json.MAPPER.createArrayNode();
                try (var values = Json.MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(bytes)) {
                    values.forEachRemaining(documents::add);
                }
                return documents;
            }
            return bytes.length == 0 && method != DockerHttpClient.Request.Method.GET ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new EngineException(EngineException.UNREACHABLE,
                    "cannot reach the Docker daemon at " + endpoint + ": " + rootMessage(e));
        }
    }

    private static String errorMessage(byte[] body) {
        try {
            JsonNode message = Json.MAPPER.readTree(body).path("message");
            return message.isTextual() ? " " + message.asText() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Nothing left to release that matters to the audit.
        }
    }
}
