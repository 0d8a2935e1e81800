package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A container's name as people type it: without the leading slash of the Engine API. */
public final class ContainerNames {

    private ContainerNames() {}

    /** The name in an inspect document, or its id when it has none. */
    public static String of(JsonNode inspect) {
        return typed(inspect.path("Name").asText(inspect.path("Id").asText()));
    }

    /** A name as the Engine API writes it ({@code /web}), as people type it ({@code web}). */
    public static String typed(String apiName) {
        return apiName.startsWith("/") ? apiName.substring(1) : apiName;
    }
}
