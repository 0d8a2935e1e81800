package org.dockaudit.model;

import java.util.Map;

/**
 * Where a container is declared in a deployment file (a Compose service, a container of a
 * Kubernetes workload), and the lines of the keys that set what the checks read.
 *
 * @param line the first line of its declaration, from 1
 * @param keys per marker a finding's evidence may name (an inspect field such as
 *             {@code HostConfig.Privileged}, a flag such as {@code --cap-add}, a bind as
 *             {@code bind /proc -> }), the line of the key that sets it
 */
public record SourceLocation(String file, int line, Map<String, Integer> keys) {

    public SourceLocation {
        keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
    }

    /** The line of the first key the evidence names, else the declaration's. */
    public int lineFor(String evidence) {
        for (Map.Entry<String, Integer> key : keys.entrySet()) {
            if (evidence.contains(key.getKey())) {
                return key.getValue();
            }
        }
        return line;
    }
}
