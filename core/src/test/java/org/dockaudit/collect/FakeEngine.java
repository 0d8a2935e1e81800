package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.dockaudit.model.Json;

/** An engine answering from canned documents; anything else is a 404. */
final class FakeEngine implements EngineApi {

    private final Map<String, JsonNode> documents = new HashMap<>();
    private final Map<String, EngineException> failures = new HashMap<>();
    private String endpoint = "fake://engine";

    FakeEngine answer(String path, String json) {
        try {
            documents.put(path, Json.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Answering as if reached at {@code endpoint}. */
    FakeEngine at(String endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    FakeEngine fail(String path, EngineException failure) {
        failures.put(path, failure);
        return this;
    }

    /** Canned as an array: what the engine would send one document after another. */
    @Override
    public JsonNode getSequence(String path) throws EngineException {
        return get(path);
    }

    @Override
    public JsonNode get(String path) throws EngineException {
        if (failures.containsKey(path)) {
            throw failures.get(path);
        }
        JsonNode document = documents.get(path);
        if (document == null) {
            throw new EngineException(404, "GET " + path + ": HTTP 404 No such object");
        }
        return document;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {}
}
