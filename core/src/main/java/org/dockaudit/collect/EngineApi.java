package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import org.dockaudit.model.Fact;

/** The Engine API as the collector uses it: JSON documents fetched with GET. */
public interface EngineApi extends AutoCloseable {

    /** Where the daemon is when neither {@code -H} nor {@code DOCKER_HOST} says. */
    String DEFAULT_HOST = "unix:///var/run/docker.sock";

    /** The JSON document at {@code path}, for instance {@code /containers/json?all=1}. */
    JsonNode get(String path) throws EngineException;

    /**
     * The documents the engine sends one after another at {@code path}, as one array: the answer
     * of {@code /events} given an {@code until}, which ends when the daemon has sent its events.
     */
    JsonNode getSequence(String path) throws EngineException;

    /** The document at {@code path} as a fact: unknown, with the engine's reason, when it does not answer it. */
    default Fact<JsonNode> fact(String path) {
        try {
            return Fact.of(get(path));
        } catch (EngineException e) {
            return Fact.unknown(e.getMessage());
        }
    }

    /** Where the daemon is reached, for messages ({@code unix:///var/run/docker.sock}). */
    String endpoint();

    @Override
    void close();
}
