package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.Optional;
import org.dockaudit.model.Fact;

/**
 * Whether the engine answering at an endpoint runs on this machine. Only then are this machine's
 * files and processes its host's: for an engine elsewhere, the pid its API gives a container names
 * some process of this machine, or none, and the dockerd found here is not the one that answered.
 */
final class EngineLocation {

    private EngineLocation() {}

    /**
     * Why the engine is not on this machine, or empty when it is: a TCP endpoint whose address is
     * none of this machine's, or an engine whose kernel (docker info {@code KernelVersion}) is not
     * the one this machine runs, as through a socket forwarded from another machine.
     *
     * @param localKernel this machine's kernel release, unknown when this process does not run on
     *                    the audited host's kernel (a fixture tree): then not compared
     */
    static Optional<String> elsewhere(String endpoint, Fact<JsonNode> info, Fact<String> localKernel) {
        if (endpoint.startsWith("tcp://")) {
            String host = URI.create(endpoint).getHost();
            if (host != null && !local(host)) {
                return Optional.of("the engine at " + endpoint + " is on another machine (" + host + " is none of this machine's"
                        + " addresses): its host's files and processes are read on that host (run dockaudit there, or collect"
                        + " there and analyze here)");
            }
        }
        if (info.known() && localKernel.known()) {
            String theirs = info.value().path("KernelVersion").asText("");
            if (!theirs.isEmpty() && !theirs.equals(localKernel.value())) {
                return Optional.of("the engine at " + endpoint + " runs kernel " + theirs + " and this machine " + localKernel.value()
                        + ": it is another machine (a forwarded socket?), whose files and processes are read on that host");
            }
        }
        return Optional.empty();
    }

    private static boolean local(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            // A name that does not resolve here names no address of this machine.
            return false;
        }
    }
}
