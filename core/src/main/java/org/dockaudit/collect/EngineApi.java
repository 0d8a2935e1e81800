package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;

/** The Engine API as the collector uses it: JSON documents fetched with GET. */
public interface EngineApi extends AutoCloseable {

    /** Where the daemon is when neither {@code -H} nor {@code DOCKER_HOST} says. */
    String DEFAULT_HOST = "unix:///var/run/docker.sock";

    /** The JSON document at {@code path}, for instance {@code /containers/json?all=1}. */
    JsonNode get(String path) throws EngineException;

    /** Where the daemon is reached, for messages ({@code unix:///var/run/docker.sock}). */
    String endpoint();

    @Override
    void close();
}
