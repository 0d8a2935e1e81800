package org.dockaudit.model;

import java.util.List;
import java.util.Map;

/**
 * An environment variable that configures Docker clients, and where it was looked for: the
 * system-wide login files of the host, and the environment dockaudit itself runs in.
 *
 * @param searched the places read
 * @param values   per place that sets it, the value it sets there
 */
public record EnvironmentSetting(String variable, List<String> searched, Map<String, String> values) {

    public EnvironmentSetting {
        searched = List.copyOf(searched);
        values = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
    }
}
