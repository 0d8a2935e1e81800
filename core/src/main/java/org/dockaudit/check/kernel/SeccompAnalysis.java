package org.dockaudit.check.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dockaudit.check.ContainerContext;
import org.dockaudit.check.DockerDefaults;
import org.dockaudit.check.Facts;
import org.dockaudit.check.Fix;
import org.dockaudit.check.NotApplicableException;
import org.dockaudit.check.Outcome;
import org.dockaudit.check.UnknownFactException;
import org.dockaudit.model.RuntimeFacts;
import org.dockaudit.model.Snapshot;
import org.dockaudit.seccomp.Analyzer;
import org.dockaudit.seccomp.Arch;
import org.dockaudit.seccomp.Filters;
import org.dockaudit.seccomp.InvalidFilterException;
import org.dockaudit.seccomp.Loader;
import org.dockaudit.seccomp.Policy;
import org.dockaudit.seccomp.Profile;
import org.dockaudit.seccomp.ProfileCompiler;
import org.dockaudit.seccomp.Program;
import org.dockaudit.seccomp.Query;

/**
 * The seccomp filters dumped from a container's init, decoded and analysed once per distinct
 * content: a hundred containers under Docker's default profile cost one analysis.
 */
public final class SeccompAnalysis {

    /** What KRN-020 and KRN-021 advise: a filter of the workload's own, from what it was seen to call. */
    static final Fix OWN_PROFILE = Fix.because("the seccomp filter lets through more than the workload needs")
            .note("the seccomp filter lets through more than this workload needs: trace it (strace -qcf -o trace.txt ...)"
                    + " and give it a profile of its own: dockaudit seccomp generate --from-strace trace.txt -o profile.json,"
                    + " then --security-opt seccomp=profile.json").build();

    /**
     * @param paths       the paths of all its filters: what analysing it cost
     * @param loaderNotes for a compiled profile, what its loader does otherwise than the profile says
     */
    record Analysed(List<Program> programs, Analyzer.Result newest, Policy policy, Map<Object, Object> answers, long paths,
            List<String> loaderNotes) {

        /**
         * Whether the syscall can be allowed with these arguments: yes unless refusal is proven (a
         * bound hit is not a refusal); answered once per filter content.
         */
        boolean allows(Arch arch, int nr, Map<Integer, Long> args) {
            return (Boolean) answers.computeIfAbsent(arch.id() + "/" + nr + "/" + args,
                    key -> !Query.ask(programs, newest, arch, nr, args).denied());
        }

        /**
         * A check's verdict on this filter, computed once per distinct filter (and whatever else
         * {@code key} names): a hundred containers under one profile cost one evaluation.
         */
        @SuppressWarnings("unchecked")
        <T> T memo(Object key, java.util.function.Supplier<T> compute) {
            Object known = answers.get(key);
            if (known == null) {
                known = compute.get();
                answers.putIfAbsent(key, known);
            }
            return (T) known;
        }
    }

    private static final Map<List<String>, Analysed> CACHE = new ConcurrentHashMap<>();
    private static volatile Analysed reference;

    static final String FILTER_NOT_KNOWN = "container not running, and its future filter is not known: a daemon-wide"
            + " custom profile, an engine older than 20.10 or not on x86_64, or an engine version not collected";

    private SeccompAnalysis() {}

    /**
     * Runs a check on the container's filter once per distinct filter (and {@code key}); unknown
     * when the filter cannot be known.
     */
    static Outcome once(ContainerContext container, Object key, java.util.function.Function<Analysed, Outcome> check) {
        Optional<Analysed> analysed = of(container);
        if (analysed.isEmpty()) {
            return Outcome.unknown(FILTER_NOT_KNOWN);
        }
        return analysed.get().memo(key, () -> check.apply(analysed.get()));
    }

    /**
     * The policy the container runs under, or will when started, as the checks saw it: for the
     * reports. Empty when it has no filter, or when its filter cannot be known (the checks say why).
     */
    public static Optional<Policy> policyOf(ContainerContext container) {
        try {
            return of(container).map(Analysed::policy);
        } catch (NotApplicableException | UnknownFactException e) {
            return Optional.empty();
        }
    }

    /**
     * The filters a running container's init runs under; for a container not running, the filter
     * its profile will give (a custom profile compiled as runc would, or Docker 20.10's default
     * when that daemon is the one that will start it). Empty when neither can be known.
     */
    static Optional<Analysed> of(ContainerContext container) {
        if (container.sandbox().isPresent()) {
            // runsc applies an OCI profile inside its sandbox only with --oci-seccomp; the host
            // kernel meets the sandbox's own calls, under the sandbox's own filter.
            throw new NotApplicableException(container.unseen() + ": the workload's system calls are the sandbox kernel's to"
                    + " serve, not the host's");
        }
        Optional<RuntimeFacts> runtime = container.runtime();
        if (runtime.isEmpty()) {
            return ofConfiguration(container);
        }
        List<String> filters = Facts.require(runtime.get().seccompFilters(), "seccomp filters of the container's init");
        if (filters.isEmpty()) {
            throw new NotApplicableException("the init process has no seccomp filter: every syscall is reachable (KRN-002)");
        }
        List<String> key = List.copyOf(filters);
        Analysed known = CACHE.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        // Each filter is bounded by the analyzer's work bound; the audit as a whole by this budget, so that
        // containers crafting many distinct filters cannot keep it busy. Checks run in snapshot order: the
        // same filters are analysed, and the same ones left out, on every run.
        AtomicLong spent = spentOn(container.snapshot());
        if (spent.get() > auditPathBudget) {
            throw new UnknownFactException("not analysed: this audit's analysis budget (" + auditPathBudget
                    + " paths) went to the filters of other containers; `dockaudit seccomp analyze " + container.name()
                    + "` analyses this one alone");
        }
        Analysed analysed = CACHE.computeIfAbsent(key, SeccompAnalysis::analyse);
        spent.addAndGet(analysed.paths());
        return Optional.of(analysed);
    }

    /**
     * Analyses the distinct filters dumped from the snapshot's containers before the checks ask
     * for them, as many at once as there are processors: what the checks would do one filter after
     * the other, on one core. The outcome is the same: the filters are taken in snapshot order,
     * each within the audit's budget ({@link #of}) as the checks would charge it, and one whose
     * analysis fails is left for its checks to report. The daemon's default filter, which the
     * daemon's checks analyse before any container's, is analysed beside them and charged to none.
     */
    public static void prepare(Snapshot snapshot) {
        if (snapshot.declared()) {
            return;
        }
        java.util.LinkedHashSet<List<String>> keys = new java.util.LinkedHashSet<>();
        for (var record : snapshot.containers()) {
            ContainerContext container = new ContainerContext(record, snapshot);
            try {
                if (container.sandbox().isEmpty() && container.runtime().isPresent()) {
                    org.dockaudit.model.Fact<List<String>> filters = container.runtime().get().seccompFilters();
                    if (filters.known() && !filters.value().isEmpty() && !CACHE.containsKey(filters.value())) {
                        keys.add(List.copyOf(filters.value()));
                    }
                }
            } catch (UnknownFactException | NotApplicableException e) {
                // No filter to analyse: its checks say why.
            }
        }
        boolean referenceFirst = ClaimedProfile.referenceApplies(snapshot);
        if (referenceFirst) {
            keys.remove(List.of(referenceKey()));
        }
        if (keys.isEmpty() && !referenceFirst) {
            return;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicLong spent = spentOn(snapshot);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            var daemonDefault = pool.submit(() -> daemonDefault(snapshot));
            List<List<String>> pending = new ArrayList<>(keys);
            // In batches of one per processor: past the budget, at most one batch is analysed for nothing.
            for (int start = 0; start < pending.size() && spent.get() <= auditPathBudget; start += threads) {
                List<List<String>> batch = pending.subList(start, Math.min(pending.size(), start + threads));
                List<java.util.concurrent.Future<Analysed>> analyses = new ArrayList<>();
                batch.forEach(key -> analyses.add(pool.submit(() -> analyse(key))));
                for (int i = 0; i < batch.size(); i++) {
                    Analysed analysed;
                    try {
                        analysed = analyses.get(i).get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        continue;
                    }
                    if (spent.get() > auditPathBudget) {
                        break;
                    }
                    if (CACHE.putIfAbsent(batch.get(i), analysed) == null) {
                        spent.addAndGet(analysed.paths());
                    }
                }
            }
            daemonDefault.get();
        } catch (java.util.concurrent.ExecutionException e) {
            // The daemon's checks meet the same failure, and report it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Paths of distinct filters one audit analyses before it reports the others unknown. */
    static final long AUDIT_PATH_BUDGET = 3_000_000;
    /** The budget in force: {@link #AUDIT_PATH_BUDGET}, lowered by tests only. */
    static long auditPathBudget = AUDIT_PATH_BUDGET;

    private record Spending(Snapshot snapshot, AtomicLong paths) {}

    private static volatile Spending spending;

    private static synchronized AtomicLong spentOn(Snapshot snapshot) {
        if (spending == null || spending.snapshot() != snapshot) {
            spending = new Spending(snapshot, new AtomicLong());
        }
        return spending.paths();
    }

    private static Analysed analyse(List<String> filters) {
        List<Program> programs = new ArrayList<>();
        for (String filter : filters) {
            try {
                programs.add(Program.decode(Base64.getDecoder().decode(filter)));
            } catch (InvalidFilterException | IllegalArgumentException e) {
                throw new UnknownFactException("a dumped filter does not decode: " + e.getMessage());
            }
        }
        List<Policy> policies = new ArrayList<>();
        Analyzer.Result newest = null;
        long paths = 0;
        for (Program program : programs) {
            newest = Analyzer.analyze(program, Analyzer.DEFAULT_WORK_BOUND);
            paths += newest.leaves().size();
            policies.add(Policy.of(newest));
        }
        return new Analysed(programs, newest, Filters.combine(policies), new ConcurrentHashMap<>(), paths, List.of());
    }

    static Optional<Analysed> ofConfiguration(ContainerContext container) {
        if (ClaimedProfile.unfiltered(container)) {
            throw new NotApplicableException("no seccomp filter will be installed: every syscall is reachable (KRN-001)");
        }
        Optional<JsonNode> profile = ClaimedProfile.custom(container);
        if (profile.isPresent()) {
            return Optional.of(compiled(profile.get(), container));
        }
        return ClaimedProfile.isDefault(container)
                ? builtin(container.snapshot(), ClaimedProfile.capabilities(container))
                : Optional.empty();
    }

    /**
     * The daemon's builtin profile for a container with these capabilities: the filter dumped from
     * the lab where it is that one with Docker's default capabilities, else the shipped JSON
     * profile of the daemon's version compiled as its runc loads it.
     */
    static Optional<Analysed> builtin(Snapshot snapshot, Set<String> capabilities) {
        return ClaimedProfile.builtinProfile(snapshot).map(shipped ->
                ClaimedProfile.referenceApplies(snapshot) && capabilities.equals(DockerDefaults.CAPABILITIES)
                        ? reference()
                        : compiled(shipped.profile(), capabilities, ClaimedProfile.loader(snapshot)));
    }

    /**
     * A profile compiled as runc would load it for this container, once per profile, capability
     * set and kernel (what decides which of its entries apply).
     */
    static Analysed compiled(JsonNode profile, ContainerContext container) {
        return compiled(profile, ClaimedProfile.capabilities(container), ClaimedProfile.loader(container));
    }

    private static Analysed compiled(JsonNode profile, Set<String> capabilities, Loader loader) {
        return CACHE.computeIfAbsent(List.of(profile.toString(), String.join(",", capabilities), loader.toString()),
                key -> compile(profile, capabilities, loader));
    }

    private static Analysed compile(JsonNode profile, Set<String> capabilities, Loader loader) {
        try {
            Profile.Resolved resolved = Profile.resolve(profile, capabilities, loader);
            Program program = ProfileCompiler.compile(resolved);
            Analyzer.Result result = Analyzer.analyze(program, Analyzer.DEFAULT_WORK_BOUND);
            return new Analysed(List.of(program), result, Policy.of(result), new ConcurrentHashMap<>(), result.leaves().size(),
                    resolved.notes());
        } catch (InvalidFilterException | IllegalArgumentException e) {
            throw new UnknownFactException("the container's seccomp profile does not compile: " + e.getMessage());
        }
    }

    /**
     * The filter the daemon gives a container that asks for nothing: its builtin profile, for
     * Docker's default capabilities (not a daemon-wide custom one). The weaknesses of that filter
     * belong to the daemon (KRN-026), not to each container.
     */
    static Optional<Analysed> daemonDefault(Snapshot snapshot) {
        // Asked by several checks of every container: found once per snapshot, where its cache key
        // (the whole profile as text) was made again at each asking.
        DefaultOf last = lastDefault;
        if (last != null && last.snapshot() == snapshot) {
            return last.analysed();
        }
        Optional<Analysed> analysed = builtin(snapshot, engineCapabilities(snapshot));
        lastDefault = new DefaultOf(snapshot, analysed);
        return analysed;
    }

    private record DefaultOf(Snapshot snapshot, Optional<Analysed> analysed) {}

    private static volatile DefaultOf lastDefault;

    /** The capabilities the engine gives a container that asks for none: Podman's own, which it names, or Docker's. */
    static Set<String> engineCapabilities(Snapshot snapshot) {
        var daemon = snapshot.daemon();
        String named = daemon == null || !daemon.podman() ? "" : daemon.podmanSecurity().path("capabilities").asText("");
        return named.isEmpty() ? DockerDefaults.CAPABILITIES : new java.util.TreeSet<>(List.of(named.split(",")));
    }

    /**
     * What tells one daemon default from another in a cache key ({@link #once}): the filters
     * themselves, since two daemons of one snapshot's checks may differ.
     */
    static Object identity(Optional<Analysed> daemonDefault) {
        return daemonDefault.map(SeccompAnalysis::identity).orElse("none");
    }

    static Object identity(Analysed analysed) {
        return new Identity(analysed);
    }

    /**
     * Equal only to itself, and hashed for nothing: each analysis is made once per distinct
     * content ({@link #CACHE}), so its instance names its filters. Hashing the filters
     * themselves, a thousand instructions, for every container and check, was a third of the
     * checks' time on a thousand containers.
     */
    private record Identity(Analysed analysed) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.analysed == analysed;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(analysed);
        }
    }

    /** Docker 20.10's default profile as runc loads it on x86_64, dumped from the lab. */
    static Analysed reference() {
        if (reference == null) {
            // Keyed as a dumped filter is: a container under Docker's default carries these same
            // bytes, and the two share one analysis.
            reference = CACHE.computeIfAbsent(List.of(referenceKey()), SeccompAnalysis::analyse);
        }
        return reference;
    }

    private static String referenceKey() {
        try (InputStream in = SeccompAnalysis.class.getResourceAsStream("/org/dockaudit/seccomp/reference/docker-20.10-default-x86_64.bpf")) {
            return Base64.getEncoder().encodeToString(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
