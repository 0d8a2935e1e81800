package org.dockaudit.model;

/**
 * The security-relevant lines of {@code /proc/<pid>/status}.
 *
 * @param noNewPrivs     null when the kernel does not print the line
 * @param seccompMode    0 disabled, 1 strict, 2 filter; null when the kernel has no seccomp
 * @param seccompFilters number of stacked filters; null before Linux 5.9
 */
public record ProcessStatus(
        int uid,
        int effectiveUid,
        int gid,
        int effectiveGid,
        CapabilitySets capabilities,
        Boolean noNewPrivs,
        Integer seccompMode,
        Integer seccompFilters) {}
