package org.dockaudit.model;

import java.util.Map;

/**
 * What the host kernel says, as seen by the collector.
 *
 * @param capLastCap          highest capability number this kernel knows
 *                            ({@code /proc/sys/kernel/cap_last_cap})
 * @param namespaces          namespace inodes of the reference process, by kind ({@code net}, ...)
 * @param namespaceReference  which process the inodes come from: {@code pid 1}, or the collector
 *                            itself when pid 1 cannot be read
 */
public record HostFacts(
        Fact<Integer> capLastCap,
        Fact<Map<String, Long>> namespaces,
        String namespaceReference) {

    public static HostFacts unknown(String reason) {
        return new HostFacts(Fact.unknown(reason), Fact.unknown(reason), "none");
    }
}
