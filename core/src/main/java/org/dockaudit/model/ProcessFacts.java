package org.dockaudit.model;

import java.util.Map;

/**
 * One process of a container, read from {@code /proc/<pid>}.
 *
 * @param command    {@code /proc/<pid>/comm}
 * @param lsmLabel   {@code /proc/<pid>/attr/current}
 * @param namespaces inode of each {@code /proc/<pid>/ns/*} entry, by kind
 */
public record ProcessFacts(
        int pid,
        String command,
        Fact<ProcessStatus> status,
        Fact<String> lsmLabel,
        Fact<Map<String, Long>> namespaces) {}
