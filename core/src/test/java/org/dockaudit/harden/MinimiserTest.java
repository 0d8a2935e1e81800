package org.dockaudit.harden;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.dockaudit.seccomp.Arch;
import org.junit.jupiter.api.Test;

class MinimiserTest {

    static final Least DERIVED = new Least(new TreeSet<>(Set.of("CHOWN", "SETGID", "SETUID")),
            Map.of(Arch.X86_64, new TreeSet<>(Set.of("accept", "bind", "getuid", "listen"))), true, true, List.of(), -1, -1, null);

    /** The workload of the talk: it needs SETUID, SETGID, bind, listen and accept; CHOWN and getuid were only seen. */
    static Minimiser.Outcome workload(Least least) {
        Set<String> calls = least.syscalls().get(Arch.X86_64);
        boolean passes = least.capabilities().containsAll(Set.of("SETUID", "SETGID")) && calls.containsAll(Set.of("bind", "listen", "accept"));
        return new Minimiser.Outcome(passes, passes ? "" : "the command exited with 1");
    }

    @Test
    void keepsExactlyWhatTheCommandNeedsAndProvesEachNeed() {
        Minimiser.Result result = Minimiser.prove(DERIVED, "wget", (least, patience, removed) -> workload(least), Minimiser.Scope.ALL,
                Duration.ofSeconds(20), Duration.ofMinutes(3), new AtomicLong()::get);

        assertThat(result.least().capabilities()).containsExactly("SETGID", "SETUID");
        assertThat(result.least().syscalls().get(Arch.X86_64)).containsExactly("accept", "bind", "listen");
        assertThat(result.proof().passed()).isTrue();
        assertThat(result.proof().removed()).containsExactly("CAP_CHOWN", "getuid");
        assertThat(result.proof().provenNeeded()).containsExactly("CAP_SETGID: without it, the command exited with 1",
                "CAP_SETUID: without it, the command exited with 1", "accept: without it, the command exited with 1",
                "bind: without it, the command exited with 1", "listen: without it, the command exited with 1");
        assertThat(result.proof().trials()).hasSize(1 + 3 + 4);
    }

    @Test
    void callsRuncMakesAfterTheFilterAreNeverCandidates() {
        Least derived = new Least(Set.of(), Map.of(Arch.X86_64, new TreeSet<>(Set.of("setgroups", "execve", "read", "bind"))),
                true, true, List.of(), -1, -1, null);

        assertThat(Hardener.syscallCandidates(derived)).containsExactly("bind");
    }

    @Test
    void derivedSettingsThatFailAreReportedAndNothingIsRemoved() {
        Least missing = DERIVED.withoutCapability("SETUID");

        Minimiser.Result result = Minimiser.prove(missing, "wget", (least, patience, removed) -> workload(least), Minimiser.Scope.ALL,
                Duration.ofSeconds(20), Duration.ofMinutes(3), new AtomicLong()::get);

        assertThat(result.proof().passed()).isFalse();
        assertThat(result.proof().failure()).isEqualTo("the command exited with 1");
        assertThat(result.proof().trials()).hasSize(1);
    }

    @Test
    void aFailingNonRootUserIsDroppedAndTheRestVerified() {
        Least withUser = DERIVED.withUser("65534:65534");

        Minimiser.Result result = Minimiser.prove(withUser, "wget",
                (least, patience, removed) -> least.user() == null ? workload(least) : new Minimiser.Outcome(false, "permission denied"),
                null, Duration.ofSeconds(20), Duration.ofMinutes(3), new AtomicLong()::get);

        assertThat(result.least().user()).isNull();
        assertThat(result.proof().passed()).isTrue();
        assertThat(result.proof().trials()).extracting(org.dockaudit.model.HardenPlan.Trial::change)
                .containsExactly("the derived settings", "without --user 65534:65534");
    }

    @Test
    void theBudgetStopsTheTrialsAndWhatWasLeftIsSaid() {
        AtomicLong clock = new AtomicLong();
        Minimiser.Result result = Minimiser.prove(DERIVED, "wget", (least, patience, removed) -> {
            clock.addAndGet(Duration.ofSeconds(10).toNanos());
            return workload(least);
        }, Minimiser.Scope.ALL, Duration.ofSeconds(20), Duration.ofSeconds(25), clock::get);

        assertThat(result.proof().trials()).hasSize(3);
        assertThat(result.proof().untried()).containsExactly("CAP_SETUID", "accept", "bind", "getuid", "listen");
    }

    @Test
    void laterTrialsWaitThreeTimesWhatTheFirstTookNotTheWholeWait() {
        AtomicLong clock = new AtomicLong();
        List<Duration> patience = new java.util.ArrayList<>();
        Minimiser.prove(DERIVED, "wget", (least, wait, removed) -> {
            patience.add(wait);
            clock.addAndGet(Duration.ofMillis(1500).toNanos());
            return workload(least);
        }, Minimiser.Scope.CAPS, Duration.ofSeconds(20), Duration.ofMinutes(3), clock::get);

        assertThat(patience).containsExactly(Duration.ofSeconds(20), Duration.ofMillis(4500), Duration.ofMillis(4500), Duration.ofMillis(4500));
    }
}
