package org.dockaudit.model;

import java.util.List;

/**
 * Everything the checks read, collected once. Raw Engine API documents are kept whole so that a
 * new check can use a field nobody parsed yet; facts read from the kernel sit beside them.
 *
 * @param formatVersion version of this file format, see docs/snapshot-format.md
 * @param source        {@code live} for a collection from a daemon, {@code inspect} for an import
 *                      of {@code docker inspect} output
 * @param redacted      true when environment values were replaced by {@link #REDACTED}
 */
public record Snapshot(
        int formatVersion,
        String tool,
        String collectedAt,
        String source,
        boolean redacted,
        HostFacts host,
        DaemonFacts daemon,
        List<ContainerRecord> containers,
        List<ImageRecord> images,
        List<String> notes,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<TraceResult> traces) {

    public static final int FORMAT_VERSION = 1;
    public static final String REDACTED = "<redacted>";

    public Snapshot {
        // Absent lists in a hand-written or older snapshot read as empty.
        containers = containers == null ? List.of() : List.copyOf(containers);
        images = images == null ? List.of() : List.copyOf(images);
        notes = notes == null ? List.of() : List.copyOf(notes);
        traces = traces == null ? List.of() : List.copyOf(traces);
    }

    /** A snapshot without traces: what collection gives. */
    public Snapshot(int formatVersion, String tool, String collectedAt, String source, boolean redacted, HostFacts host,
            DaemonFacts daemon, List<ContainerRecord> containers, List<ImageRecord> images, List<String> notes) {
        this(formatVersion, tool, collectedAt, source, redacted, host, daemon, containers, images, notes, List.of());
    }

    /**
     * The same facts with traces of containers' workloads ({@code dockaudit trace}, given to
     * {@code audit --traces}): what the workload used, where the configuration only says what it may.
     */
    public Snapshot withTraces(List<TraceResult> added) {
        return new Snapshot(formatVersion, tool, collectedAt, source, redacted, host, daemon, containers, images, notes, added);
    }
}
