package org.dockaudit.report;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.kernel.SeccompAnalysis;
import org.dockaudit.model.Snapshot;
import org.dockaudit.seccomp.Policy;

/**
 * One seccomp policy and the containers under it, from the exact analysis the checks made: per
 * ABI, the syscalls always allowed, those allowed under a condition on their arguments (with the
 * condition), and those never allowed. Containers under the same filter share one entry: a
 * hundred replicas under Docker's default profile read as one policy.
 *
 * @param abis       the ABIs it lets anything through, the others being refused whole
 * @param source     {@code kernel}: the filters read from the running init; {@code configuration}:
 *                   the filter its profile will give when it starts
 * @param containers by name
 */
public record SeccompPolicy(String source, List<String> containers, List<Abi> abis) {

    /**
     * @param coverage share of the ABI's known syscalls allowed, at least under a condition, in percent
     */
    public record Abi(String arch, int allowed, List<Conditional> conditional, int denied, double coverage) {}

    public record Conditional(String syscall, String condition) {}

    static List<SeccompPolicy> of(Snapshot snapshot) {
        Map<Policy, Map<String, List<String>>> bySource = new IdentityHashMap<>();
        List<Policy> order = new ArrayList<>();
        snapshot.containers().stream().map(record -> new ContainerContext(record, snapshot))
                .sorted(java.util.Comparator.comparing(ContainerContext::name))
                .forEach(container -> {
                    Optional<Policy> policy = SeccompAnalysis.policyOf(container);
                    if (policy.isEmpty()) {
                        return;
                    }
                    // The analysis is cached per distinct filter: one same filter is one same Policy instance.
                    if (!bySource.containsKey(policy.get())) {
                        order.add(policy.get());
                    }
                    bySource.computeIfAbsent(policy.get(), key -> new LinkedHashMap<>())
                            .computeIfAbsent(container.runtime().isPresent() ? "kernel" : "configuration", key -> new ArrayList<>())
                            .add(container.name());
                });
        // Filters that differ in their bytes but not in what they allow (the same profile, compiled
        // or stacked a little differently) are one policy for the reader.
        Map<List<Abi>, Map<String, List<String>>> byView = new LinkedHashMap<>();
        for (Policy policy : order) {
            // An ABI the filter refuses whole (a foreign architecture) says nothing: it is left out.
            List<Abi> abis = policy.arches().stream().filter(Policy.ArchPolicy::admitsAnything).map(arch -> new Abi(arch.arch().id(), arch.always().size(),
                    arch.conditional().stream().map(rule -> new Conditional(rule.name(), rule.allowCondition())).toList(),
                    arch.rules().size() - arch.always().size() - arch.conditional().size(),
                    Math.round(arch.coverage() * 1000) / 10.0)).toList();
            Map<String, List<String>> sources = byView.computeIfAbsent(abis, key -> new LinkedHashMap<>());
            bySource.get(policy).forEach((source, containers) -> sources.computeIfAbsent(source, key -> new ArrayList<>()).addAll(containers));
        }
        List<SeccompPolicy> policies = new ArrayList<>();
        byView.forEach((abis, sources) -> sources.forEach((source, containers) ->
                policies.add(new SeccompPolicy(source, containers.stream().sorted().toList(), abis))));
        return policies;
    }
}
