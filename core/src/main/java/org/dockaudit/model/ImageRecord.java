package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One image: its inspect document, and what its layers hold when they could be read.
 *
 * @param setuidFiles paths of setuid or setgid files in the image's layers, with their mode
 *                    ({@code /bin/su (4755)}); unknown when the layers were not readable
 * @param passwd      the image's {@code /etc/passwd}, to resolve a USER given by name; null in
 *                    snapshots older than this field
 * @param history     {@code GET /images/{id}/history}: each layer's instruction, newest first; null
 *                    in snapshots older than this field
 */
public record ImageRecord(JsonNode inspect, Fact<List<String>> setuidFiles, Fact<String> passwd, Fact<JsonNode> history) {

    public ImageRecord(JsonNode inspect, Fact<List<String>> setuidFiles) {
        this(inspect, setuidFiles, Fact.unknown("the image's /etc/passwd was not read"));
    }

    public ImageRecord(JsonNode inspect, Fact<List<String>> setuidFiles, Fact<String> passwd) {
        this(inspect, setuidFiles, passwd, Fact.unknown("the image's history was not read"));
    }

    /** The history, or why it is not known. */
    public Fact<JsonNode> historyFact() {
        return history == null ? Fact.unknown("the image's history was not recorded in this snapshot") : history;
    }

    /** The passwd file, or why it is not known. */
    public Fact<String> passwdFile() {
        return passwd == null ? Fact.unknown("the image's /etc/passwd was not recorded in this snapshot") : passwd;
    }
}
