package org.dockaudit.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.dockaudit.model.TraceResult;
import org.dockaudit.seccomp.Arch;
import org.junit.jupiter.api.Test;

class TaskTreeTest {

    /**
     * Recorded on Docker 20.10 (runc 1.1, kernel 6.18) while tracing containerd with event-fork:
     * {@code docker run -d IMAGE sh -c 'sleep 3; echo hi'} (shim 2325, init 2345 executing /bin/sh,
     * which runs busybox's sleep as /proc/self/exe, pid 2373), runc's libnetwork hook
     * (/proc/1797/exe, pid 2351), then {@code docker exec CONTAINER id} (pid 2393).
     */
    static TaskTree recorded(String name) throws IOException {
        TaskTree tree = new TaskTree((pid, file) -> new TaskTree.Exec(Arch.X86_64, false, null), "runc");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(TaskTreeTest.class.getResourceAsStream("/traces/" + name)), StandardCharsets.UTF_8))) {
            reader.lines().map(TraceLine::parse).flatMap(java.util.Optional::stream).forEach(tree::accept);
        }
        return tree;
    }

    @Test
    void theWorkloadIsWhatRuncsInitExecutedAndWhatItStarted() throws IOException {
        TaskTree.Workload workload = recorded("docker-run-and-exec.trace.gz").workload(Set.of(2325), Set.of(), null);

        assertThat(workload.processes()).extracting(TraceResult.Process::pid, TraceResult.Process::file).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2345, "/bin/sh"),
                org.assertj.core.groups.Tuple.tuple(2373, "/proc/self/exe"),
                org.assertj.core.groups.Tuple.tuple(2393, "/bin/id"));
    }

    @Test
    void runcsOwnCallsBeforeExecveAndItsHooksAreNotTheWorkloads() throws IOException {
        TaskTree.Workload workload = recorded("docker-run-and-exec.trace.gz").workload(Set.of(2325), Set.of(), null);

        assertThat(workload.contains(2351)).as("libnetwork-setkey hook").isFalse();
        // runc's init joins namespaces with setns and pivots the root before it executes the
        // entrypoint; the entrypoint (busybox sh, sleep, id) never does.
        assertThat(workload.syscalls().get("x86_64")).doesNotContainKeys("setns", "pivot_root", "unshare")
                .containsKeys("execve", "wait4", "clock_nanosleep");
        // runc's init is granted CAP_SYS_ADMIN (21) over and over. The workload, which lacks it, is
        // only refused it by the kernel's silent checks (memory accounting on mmap): never granted.
        assertThat(workload.capabilities().get("CAP_SYS_ADMIN").granted()).isZero();
    }

    /** Docker's default capability set, as the copy's CapBnd showed it. */
    static final Set<String> DOCKER_DEFAULT = Set.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SYS_CHROOT", "CAP_MKNOD",
            "CAP_AUDIT_WRITE", "CAP_SETFCAP");

    /**
     * {@code trace --raw} of a copy of {@code sh -c 'mkdir -p /www && exec httpd -f -p 80 -u 1000:1000 -h /www'}
     * (shim 5372, init 5392): httpd binds port 80 (no capability: Docker lets containers bind any
     * port), then drops to uid 1000 with setgroups/setgid (CAP_SETGID) and setuid (CAP_SETUID).
     */
    @Test
    void theBusyboxHttpdOfTheTalkNeedsSetuidAndSetgidOnly() throws IOException {
        TaskTree.Workload workload = recorded("httpd-copy.trace.gz").workload(Set.of(5372), Set.of(), DOCKER_DEFAULT);

        assertThat(workload.capabilities().entrySet().stream().filter(e -> e.getValue().granted() > 0).map(java.util.Map.Entry::getKey))
                .containsExactly("CAP_SETGID", "CAP_SETUID");
        assertThat(workload.capabilities().get("CAP_SETUID").firstCommand()).isEqualTo("httpd");
        assertThat(workload.contains(5392)).isTrue();
    }

    @Test
    void checksUnderTheOverlayMountersCredentialsAreNotTheWorkloads() throws IOException {
        TaskTree tree = recorded("httpd-copy.trace.gz");

        // mkdir in the container's root: overlayfs sets its xattrs as the daemon that mounted it.
        assertThat(tree.workload(Set.of(5372), Set.of(), null).capabilities().get("CAP_SYS_ADMIN").granted()).isEqualTo(4);
        TaskTree.Workload bounded = tree.workload(Set.of(5372), Set.of(), DOCKER_DEFAULT);
        assertThat(bounded.capabilities().get("CAP_SYS_ADMIN").granted()).isZero();
        assertThat(bounded.foreignChecks()).isEqualTo(4);
    }

    @Test
    void anotherContainersShimGivesNothing() throws IOException {
        TaskTree.Workload workload = recorded("docker-run-and-exec.trace.gz").workload(Set.of(99999), Set.of(), null);

        assertThat(workload.isEmpty()).isTrue();
    }

    @Test
    void theWorkloadsFirstUseOfACallIsToldAsItHappensAndTheRuntimesIsNot() {
        List<String> first = new java.util.ArrayList<>();
        TaskTree tree = new TaskTree((pid, file) -> new TaskTree.Exec(Arch.X86_64, false, file.endsWith("shim-runc-v2") ? "c0ffee" : null),
                "runc", "c0ffee", Set.of(), Set.of(), new TaskTree.Listener() {
                    @Override
                    public void firstCall(String event) {
                        first.add(event);
                    }

                    @Override
                    public void otherAbi(Arch abi) {}
                });
        java.util.stream.Stream.of(
                " containerd-10 (   10) [000] ..... 1.0: sched_process_fork: comm=containerd pid=10 child_comm=containerd child_pid=20",
                " containerd-20 (   20) [000] ..... 1.1: sched_process_exec: filename=/usr/bin/containerd-shim-runc-v2 pid=20 old_pid=20",
                " containerd-shim-20 (   20) [000] ..... 1.2: sched_process_fork: comm=containerd-shim pid=20 child_comm=containerd-shim child_pid=30",
                " runc-30 (   30) [000] ..... 1.3: sched_process_exec: filename=/usr/sbin/runc pid=30 old_pid=30",
                " runc-30 (   30) [000] ..... 1.4: sys_read(fd: 3, buf: 0x0, count: 0x10)",
                " runc-30 (   30) [000] ..... 1.5: sched_process_fork: comm=runc pid=30 child_comm=runc child_pid=40",
                " runc-40 (   40) [000] ..... 1.6: sched_process_exec: filename=/proc/self/exe pid=40 old_pid=40",
                " runc:[2:INIT]-40 (   40) [000] ..... 1.7: sys_setns(fd: 5, flags: 0)",
                " sh-40 (   40) [000] ..... 1.8: sched_process_exec: filename=/bin/sh pid=40 old_pid=40",
                " sh-40 (   40) [000] ..... 1.9: sys_read(fd: 0, buf: 0x0, count: 0x10)",
                " sh-40 (   40) [000] ..... 2.0: sys_read(fd: 0, buf: 0x0, count: 0x10)",
                " sh-40 (   40) [000] ..... 2.1: sys_newuname(name: 0x0)")
                .map(TraceLine::parse).flatMap(java.util.Optional::stream).forEach(tree::accept);

        assertThat(first).containsExactly("sys_enter_read", "sys_enter_newuname");
        TaskTree.Workload workload = tree.workload(tree.shimsOf("c0ffee"), Set.of(), null);
        assertThat(workload.syscalls().get("x86_64")).containsExactly(java.util.Map.entry("read", 2L), java.util.Map.entry("uname", 1L));
    }

    @Test
    void parsesTheFiveEventsAndIgnoresHeaders() {
        assertThat(TraceLine.parse("# tracer: nop")).isEmpty();
        assertThat(TraceLine.parse(" containerd-shim-2323    (   2316) [000] .N... 24066.526900: sched_process_exit: comm=containerd-shim pid=2323 prio=120 group_dead=false"))
                .hasValueSatisfying(line -> assertThat(List.of(line.kind(), line.tid(), line.tgid())).containsExactly(TraceLine.Kind.EXIT, 2323, 2316));
        assertThat(TraceLine.parse("   runc:[2:INIT]-2345    (   2345) [000] ..... 24066.559040: sched_process_fork: comm=runc:[2:INIT] pid=2345 child_comm=runc:[2:INIT] child_pid=2346"))
                .hasValueSatisfying(line -> assertThat(List.of(line.kind(), line.tid(), line.otherTid(), line.text()))
                        .containsExactly(TraceLine.Kind.FORK, 2345, 2346, "runc:[2:INIT]"));
        assertThat(TraceLine.parse("  my-app 2-77    (      77) [001] ..... 1.000000: cap_capable: cred 00000000c6c9f672, target_ns 00000000efae51f6, capable_ns 00000000efae51f6, cap 7, ret -1"))
                .hasValueSatisfying(line -> assertThat(List.of(line.kind(), line.tid(), line.number(), line.result()))
                        .containsExactly(TraceLine.Kind.CAPABILITY, 77, 7, -1));
        assertThat(TraceLine.parse("              sh-2345    (-------) [001] ..... 24066.725834: sched_process_exec: filename=/bin/sh pid=2345 old_pid=2345"))
                .hasValueSatisfying(line -> assertThat(List.of(line.kind(), line.tgid(), line.text())).containsExactly(TraceLine.Kind.EXEC, 2345, "/bin/sh"));
    }
}
