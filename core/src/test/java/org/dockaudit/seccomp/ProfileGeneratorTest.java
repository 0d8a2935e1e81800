package org.dockaudit.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ProfileGeneratorTest {

    @Test
    void addsWhatTheKernelTheCLibraryAndRuncsRuntimeCallOnTheWorkloadsBehalf() {
        List<String> unknown = new ArrayList<>();

        Set<String> names = names(ProfileGenerator.profile(Map.of(Arch.X86_64, Set.of("nanosleep")), Arch.X86_64, unknown));

        assertThat(names).contains("nanosleep", "restart_syscall", "rt_sigreturn", "exit_group", "exit", "tgkill");
        assertThat(names).as("runc's own calls after the filter").containsAll(ProfileGenerator.runcNeeds());
        assertThat(names).as("i386's and arm's name, unknown to x86_64").doesNotContain("sigreturn");
        assertThat(unknown).isEmpty();
    }

    @Test
    void readsTheFullOutputOfStraceFollowingForksWithEachProcesssAbi() {
        Map<Arch, Set<String>> seen = ProfileGenerator.parseStrace(List.of(
                "execve(\"/bin/sh\", [\"sh\"], 0x7ffd /* 3 vars */) = 0",
                "[pid    12] openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3",
                "[ Process PID=13 runs in 32 bit mode. ]",
                "13    10:01:02.123456 socketcall(1, [2, 1, 0]) = 4",
                "[pid    12] <... read resumed>\"x\", 1) = 1",
                "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED} ---",
                "+++ exited with 0 +++"));

        assertThat(seen.get(Arch.X86_64)).containsExactly("execve", "openat");
        assertThat(seen.get(Arch.I386)).containsExactly("socketcall");
    }

    @Test
    void aThirtyTwoBitSectionBringsSigreturn() {
        Set<String> names = names(ProfileGenerator.profile(
                Map.of(Arch.X86_64, Set.of("read"), Arch.I386, Set.of("read")), Arch.X86_64, new ArrayList<>()));

        assertThat(names).contains("sigreturn", "rt_sigreturn");
    }

    @Test
    void exitGroupIsAddedAlthoughStraceNeverCountsIt() {
        Map<Arch, Set<String>> seen = ProfileGenerator.parseStrace(List.of(
                "% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    0.000010          10         1           clock_nanosleep",
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    0.000010          10         1           total"));

        assertThat(seen.get(Arch.X86_64)).containsExactly("clock_nanosleep");
        assertThat(names(ProfileGenerator.profile(seen, Arch.X86_64, new ArrayList<>()))).contains("exit_group", "restart_syscall");
    }

    private static Set<String> names(JsonNode profile) {
        Set<String> names = new TreeSet<>();
        profile.path("syscalls").forEach(rule -> rule.path("names").forEach(name -> names.add(name.asText())));
        return names;
    }
}
