package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@link EngineApi} over docker-java's dependency-free transport (unix socket or plain TCP). */
public final class ZerodepEngineApi implements EngineApi {

    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DockerHttpClient client;
    private final String endpoint;

    private ZerodepEngineApi(DockerHttpClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /**
     * Opens a client for {@code host} ({@code unix:///path} or {@code tcp://host:port}). A missing
     * or forbidden socket is reported before any request, naming the socket.
     */
    public static ZerodepEngineApi open(String host, int maxConnections) throws CollectException {
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
        DockerHttpClient client = new ZerodepDockerHttpClient.Builder()
                .dockerHost(uri)
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return new ZerodepEngineApi(client, host);
    }

    @Override
    public JsonNode get(String path) throws EngineException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(path)
                .build();
        try (DockerHttpClient.Response response = client.execute(request); InputStream body = response.getBody()) {
            byte[] bytes = body.readAllBytes();
            int status = response.getStatusCode();
            if (status / 100 != 2) {
                throw new EngineException(status, "GET " + path + ": HTTP " + status + errorMessage(bytes));
            }
            return MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new EngineException(EngineException.UNREACHABLE,
                    "cannot reach the Docker daemon at " + endpoint + ": " + rootMessage(e));
        }
    }

    private static String errorMessage(byte[] body) {
        try {
            JsonNode message = MAPPER.readTree(body).path("message");
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
