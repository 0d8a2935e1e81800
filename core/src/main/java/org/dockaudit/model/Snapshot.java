package org.dockaudit.model;

import java.util.List;
import java.util.Map;

/**
 * Everything the checks read, collected once. Raw Engine API documents are kept whole so that a
 * new check can use a field nobody parsed yet; facts read from the kernel sit beside them.
 *
 * @param formatVersion version of this file format, see docs/snapshot-format.md
 * @param source        {@code live} for a collection from a daemon, {@code inspect} for an import
 *                      of {@code docker inspect} output
 * @param redacted      true when environment values were replaced by {@link #REDACTED}
 * @param sources       for containers declared in a deployment file ({@code compose} and
 *                      {@code kubernetes} sources), where each is declared, by container id
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
        List<TraceResult> traces,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        Map<String, SourceLocation> sources) {

    public static final int FORMAT_VERSION = 1;
    public static final String REDACTED = "<redacted>";

    public Snapshot {
        // Absent lists in a hand-written or older snapshot read as empty.
        containers = containers == null ? List.of() : List.copyOf(containers);
        images = images == null ? List.of() : List.copyOf(images);
        notes = notes == null ? List.of() : List.copyOf(notes);
        traces = traces == null ? List.of() : List.copyOf(traces);
        sources = sources == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    }

    /** A snapshot with traces and no declared source. */
    public Snapshot(int formatVersion, String tool, String collectedAt, String source, boolean redacted, HostFacts host,
            DaemonFacts daemon, List<ContainerRecord> containers, List<ImageRecord> images, List<String> notes,
            List<TraceResult> traces) {
        this(formatVersion, tool, collectedAt, source, redacted, host, daemon, containers, images, notes, traces, Map.of());
    }

    /** Whether the containers are declared in a deployment file, not found on a host: there is no host to audit. */
    public boolean declared() {
        return "compose".equals(source) || "kubernetes".equals(source);
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
        return new Snapshot(formatVersion, tool, collectedAt, source, redacted, host, daemon, containers, images, notes, added, sources);
    }
}
