package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.dockaudit.collect.StopSafety.Harmful;
import org.dockaudit.collect.StopSafety.Harmless;
import org.dockaudit.collect.StopSafety.RestartSyscall;
import org.dockaudit.model.Json;
import org.dockaudit.seccomp.Arch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StopSafetyTest {

    /** The line of /proc/PID/syscall, as the kernel prints it, and whether stopping the thread is harmless. */
    @ParameterizedTest(name = "{0} ({2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            running                                                              | UNKNOWN | running     | true
            -1 0x7ffd5fb1c0 0x7f3c21                                             | UNKNOWN | page fault  | true
            0 0x0 0x7ffd 0x1 0x0 0x0 0x0 0x7ffd 0x7f3c                           | UNKNOWN | read        | true
            61 0xffffffffffffffff 0x7ffd 0x0 0x0 0x0 0x0 0x7ffd 0x7f3c          | UNKNOWN | wait4       | true
            230 0x0 0x0 0x7ffe1dbbfc98 0x7ffe1dbbfc98 0x0 0x0 0x7ffe 0x4a1b     | UNKNOWN | sleep       | false
            230 0x0 0x0 0x7ffe1dbbfc98 0x7ffe1dbbfc98 0x0 0x0 0x7ffe 0x4a1b     | ALLOWED | sleep       | true
            230 0x0 0x0 0x7ffe1dbbfc98 0x7ffe1dbbfc98 0x0 0x0 0x7ffe 0x4a1b     | DENIED  | sleep       | false
            230 0x1 0x1 0x7ffe1dbbfc98 0x0 0x0 0x0 0x7ffe 0x4a1b                | DENIED  | abs. sleep  | true
            35 0x7ffe 0x0 0x0 0x0 0x0 0x0 0x7ffe 0x4a1b                         | UNKNOWN | nanosleep   | false
            202 0x7fff1a3549ac 0x80 0x0 0x0 0x0 0x0 0x7ffe 0x4a1b               | UNKNOWN | futex       | true
            202 0x7fff1a3549ac 0x80 0x0 0x7ffe 0x0 0x0 0x7ffe 0x4a1b            | UNKNOWN | futex timed | false
            202 0x7fff1a3549ac 0x89 0x0 0x7ffe 0x0 0xffffffff 0x7ffe 0x4a1b     | ALLOWED | bitset      | true
            7 0x0 0x0 0x7530 0x0 0x0 0x0 0x7ffe 0x4a1b                          | UNKNOWN | poll 30 s   | false
            7 0x7ffe 0x1 0xffffffffffffffff 0x0 0x0 0x0 0x7ffe 0x4a1b           | UNKNOWN | poll        | true
            232 0x4 0x7ffe 0x200 0xffffffff 0x0 0x0 0x7ffe 0x4a1b               | UNKNOWN | epoll -1    | true
            232 0x4 0x7ffe 0x200 0x3e8 0x0 0x0 0x7ffe 0x4a1b                    | UNKNOWN | epoll 1 s   | false
            219 0x0 0x0 0x0 0x0 0x0 0x0 0x7ffe 0x4a1b                           | UNKNOWN | restart     | true
            16 0x0 0x5401 0x7ffe 0x0 0x0 0x0 0x7ffe 0x4a1b                      | UNKNOWN | ioctl       | false
            999 0x0 0x0 0x0 0x0 0x0 0x0 0x7ffe 0x4a1b                           | ALLOWED | unknown nr  | false
            """)
    void decidesFromTheBlockingCall(String line, RestartSyscall restart, String what, boolean harmless) {
        ThreadState thread = ThreadState.parse('S', 0, 2, line, false);

        StopSafety.Verdict verdict = StopSafety.decide(42, thread, Arch.X86_64, true, restart);

        assertThat(verdict).as(verdict.reason()).isInstanceOf(harmless ? Harmless.class : Harmful.class);
    }

    @Test
    void interruptedCallsAreHarmlessOnlyWhereTheDumpRepairsThem() {
        ThreadState epoll = ThreadState.parse('S', 0, 2, "232 0x4 0x7ffe 0x200 0xffffffff 0x0 0x0 0x7ffe 0x4a1b", false);

        assertThat(StopSafety.decide(42, epoll, Arch.X86_64, false, RestartSyscall.UNKNOWN)).isInstanceOf(Harmful.class);
    }

    @Test
    void aThirtyTwoBitProgramIsReadWithTheI386Numbers() {
        // 162 is nanosleep on i386 and sync on x86_64: a stop must not be taken as harmless for it.
        ThreadState thread = ThreadState.parse('S', 0, 2, "162 0xffd0 0x0 0x0 0x0 0x0 0x0 0xffd0 0x8049", true);

        StopSafety.Verdict verdict = StopSafety.decide(42, thread, Arch.X86_64, true, RestartSyscall.UNKNOWN);

        assertThat(verdict).isInstanceOf(Harmful.class);
        assertThat(verdict.reason()).contains("asleep in nanosleep");
    }

    @Test
    void stoppedTracedOrExitingProcessesAreLeftAlone() {
        String running = "running";
        assertThat(StopSafety.decide(7, ThreadState.parse('T', 0, 2, running, false), Arch.X86_64, true, RestartSyscall.ALLOWED).reason())
                .isEqualTo("pid 7 is stopped: left as it is");
        assertThat(StopSafety.decide(7, ThreadState.parse('t', 99, 2, running, false), Arch.X86_64, true, RestartSyscall.ALLOWED).reason())
                .contains("traced by pid 99");
        assertThat(StopSafety.decide(7, ThreadState.parse('S', 99, 2, running, false), Arch.X86_64, true, RestartSyscall.ALLOWED))
                .isInstanceOf(Harmful.class);
        assertThat(StopSafety.decide(7, ThreadState.parse('Z', 0, 2, running, false), Arch.X86_64, true, RestartSyscall.ALLOWED))
                .isInstanceOf(Harmful.class);
    }

    @Test
    void theConfigurationProvesRestartSyscallOnlyForOneFilterFromAKnownProfile() throws Exception {
        JsonNode defaultInfo = Json.MAPPER.readTree("[\"name=seccomp,profile=default\"]");
        JsonNode customInfo = Json.MAPPER.readTree("[\"name=seccomp,profile=/etc/docker/seccomp.json\"]");
        JsonNode defaultProfile = Json.MAPPER.readTree("{\"HostConfig\":{\"SecurityOpt\":null}}");
        String allowList = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[%s],\"action\":\"SCMP_ACT_ALLOW\"}]}";
        JsonNode withRestart = inlined(allowList.formatted("\"read\",\"restart_syscall\""));
        JsonNode withoutRestart = inlined(allowList.formatted("\"read\""));

        assertThat(FilterReader.restartSyscall(defaultProfile, defaultInfo, 1)).isEqualTo(RestartSyscall.ALLOWED);
        assertThat(FilterReader.restartSyscall(defaultProfile, customInfo, 1)).isEqualTo(RestartSyscall.UNKNOWN);
        assertThat(FilterReader.restartSyscall(defaultProfile, null, 1)).isEqualTo(RestartSyscall.UNKNOWN);
        assertThat(FilterReader.restartSyscall(defaultProfile, defaultInfo, 2)).as("the process stacked its own").isEqualTo(RestartSyscall.UNKNOWN);
        assertThat(FilterReader.restartSyscall(defaultProfile, defaultInfo, null)).isEqualTo(RestartSyscall.UNKNOWN);
        assertThat(FilterReader.restartSyscall(withRestart, defaultInfo, 1)).isEqualTo(RestartSyscall.ALLOWED);
        assertThat(FilterReader.restartSyscall(withoutRestart, defaultInfo, 1)).isEqualTo(RestartSyscall.DENIED);
        assertThat(FilterReader.restartSyscall(inlined("{\"not\":\"a profile\"}"), defaultInfo, 1)).isEqualTo(RestartSyscall.UNKNOWN);
    }

    private static JsonNode inlined(String profile) throws Exception {
        var inspect = Json.MAPPER.createObjectNode();
        inspect.putObject("HostConfig").putArray("SecurityOpt").add("seccomp=" + profile);
        return inspect;
    }
}
