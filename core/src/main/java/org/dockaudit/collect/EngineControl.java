package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Engine API calls that change the host: only {@code trace}, {@code harden} and {@code fleet
 * audit} use them, to create, start and remove what carries their own labels (copies of a
 * container with {@link #COPY_LABEL}, the fleet job and its siblings with {@link Fleet#LABEL}).
 * The audit itself is given an {@link EngineApi}, which cannot.
 */
public interface EngineControl extends EngineApi {

    /** The label every container dockaudit creates carries; its value names the container copied. */
    String COPY_LABEL = "org.dockaudit.copy-of";

    /** The daemon at {@code host}, each request with {@code timeout} as its deadline; a missing or forbidden socket is named. */
    static EngineControl open(String host, java.time.Duration timeout) throws CollectException {
        return ZerodepEngineApi.open(host, 4, new ZerodepEngineApi.Timeouts(ZerodepEngineApi.Timeouts.DEFAULT.connect(), timeout));
    }

    /** POSTs {@code body} (or nothing when null) to {@code path}; the answer, or an empty object when it has none. */
    JsonNode post(String path, JsonNode body) throws EngineException;

    /** DELETEs {@code path}. */
    void delete(String path) throws EngineException;

    /** The body at {@code path} as bytes: a container's or a service's logs, which are no JSON. */
    byte[] getBytes(String path) throws EngineException;
}
