package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A container's name as people type it: without the leading slash of the Engine API. */
public final class ContainerNames {

    private ContainerNames() {}

    /** The name in an inspect document, or its id when it has none. */
    public static String of(JsonNode inspect) {
        return inspect.path("Name").asText(inspect.path("Id").asText()).replaceFirst("^/", "");
    }
}
