package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One container: its inspect document as the engine returned it, and what the kernel says about
 * its processes when it runs.
 *
 * @param runtime unknown with the reason when the container is not running or was not observed
 *                (for instance in an import of {@code docker inspect} output)
 */
public record ContainerRecord(JsonNode inspect, Fact<RuntimeFacts> runtime) {}
