package org.dockaudit.model;

import java.util.List;

/**
 * Kernel state of a running container.
 *
 * @param initPid   host pid of the container's first process
 * @param processes every process in the container's cgroup, init first
 * @param cgroup    limits as the cgroup files enforce them
 * @param seccompFilters the filters stacked on the init process, oldest first, each as base64 of
 *                  its raw {@code struct sock_filter} array; empty when it has none
 * @param mounts    the init's mount table ({@code /proc/<pid>/mountinfo}); null in snapshots older
 *                  than this field
 */
public record RuntimeFacts(int initPid, Fact<List<ProcessFacts>> processes, Fact<CgroupFacts> cgroup,
        Fact<List<String>> seccompFilters, Fact<List<MountEntry>> mounts) {

    /** The mount table, or why it is not known (not recorded by an older dockaudit). */
    public Fact<List<MountEntry>> mountTable() {
        return mounts == null ? Fact.unknown("the mount table was not recorded in this snapshot") : mounts;
    }
}
