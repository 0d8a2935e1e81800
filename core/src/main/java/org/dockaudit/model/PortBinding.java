package org.dockaudit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One host binding of a container port, as the Engine API writes them in
 * {@code HostConfig.PortBindings} (what was asked) and {@code NetworkSettings.Ports} (what a
 * running container got, {@code -P}'s choices included).
 *
 * @param containerPort {@code 80/tcp}
 * @param hostIp the host address, empty for every interface
 * @param hostPort the host port, empty when the engine chooses it
 */
public record PortBinding(String containerPort, String hostIp, String hostPort) {

    /** Every binding of such a map, in its order. */
    public static List<PortBinding> of(JsonNode ports) {
        List<PortBinding> bindings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> port : ports.properties()) {
            for (JsonNode binding : port.getValue()) {
                bindings.add(new PortBinding(port.getKey(), binding.path("HostIp").asText(""), binding.path("HostPort").asText("")));
            }
        }
        return bindings;
    }
}
