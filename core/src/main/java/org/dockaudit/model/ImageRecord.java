package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One image: its inspect document, and what its layers hold when they could be read.
 *
 * @param setuidFiles paths of setuid or setgid files in the image's layers, with their mode
 *                    ({@code /bin/su (4755)}); unknown when the layers were not readable
 */
public record ImageRecord(JsonNode inspect, Fact<List<String>> setuidFiles) {}
