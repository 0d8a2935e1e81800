package org.dockaudit.model;

import java.util.List;

/**
 * Limits enforced by the container's cgroup, read from the cgroup files. A limit of
 * {@link #UNLIMITED} means the file says there is none.
 *
 * @param version           {@code v1} or {@code v2}
 * @param path              the container's cgroup path, relative to the hierarchy root
 * @param memoryLimit       bytes ({@code memory.limit_in_bytes}, {@code memory.max})
 * @param memorySwapLimit   v1: memory plus swap ({@code memory.memsw.limit_in_bytes});
 *                          v2: swap alone ({@code memory.swap.max})
 * @param cpuQuotaMicros    per period ({@code cpu.cfs_quota_us}, {@code cpu.max})
 * @param cpuPeriodMicros   ({@code cpu.cfs_period_us}, {@code cpu.max})
 * @param cpuWeight         v1 {@code cpu.shares} or v2 {@code cpu.weight}, as written
 * @param pidsMax           ({@code pids.max})
 * @param oomKillDisabled   v1 {@code memory.oom_control}; v2 has no such switch
 * @param devices           v1 {@code devices.list}; v2 uses an eBPF program that no file shows
 */
public record CgroupFacts(
        String version,
        String path,
        Fact<Long> memoryLimit,
        Fact<Long> memorySwapLimit,
        Fact<Long> cpuQuotaMicros,
        Fact<Long> cpuPeriodMicros,
        Fact<Long> cpuWeight,
        Fact<Long> pidsMax,
        Fact<Boolean> oomKillDisabled,
        Fact<List<String>> devices) {

    public static final long UNLIMITED = -1;
}
