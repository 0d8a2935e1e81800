package org.dockaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dockaudit.collect.ProcFs;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.Snapshot;

/**
 * The host the AOT training audits: a directory in the shape of a host's {@code /proc},
 * {@code /sys/fs/cgroup} and {@code /etc}, with pid 1, a dockerd listening on its socket, and the
 * recorded lab's running containers at their recorded pids, in cgroup v2. It exists so that the
 * training runs the code that reads a live host (the parsers of {@code /proc} and cgroup files,
 * the process index, the daemon's listeners), whose classes and lambdas are then in the cache
 * instead of being made at each audit. What it holds is plausible, not the lab's: nothing of the
 * training's report is kept. Read with {@code --root}, a tree is never a host this process shares
 * pids with, so no seccomp dump is tried on it.
 */
final class StandInHost {

    private static final int DOCKERD = 900;
    private static final long SOCKET_INODE = 31_000;
    private static final String ALL_CAPABILITIES = "000001ffffffffff";
    private static final String DOCKER_CAPABILITIES = "00000000a80425fb";

    private StandInHost() {}

    static void write(Path root, Snapshot lab) throws IOException {
        write(root, "proc/sys/kernel/cap_last_cap", "40\n");
        write(root, "proc/sys/kernel/osrelease", "6.1.0-stand-in\n");
        process(root, 1, "systemd", "/sbin/init", ALL_CAPABILITIES, "/init.scope", 4_026_531_830L);
        process(root, DOCKERD, "dockerd", "/usr/bin/dockerd\0-H\0fd://\0--containerd=/run/containerd/containerd.sock", ALL_CAPABILITIES,
                "/system.slice/docker.service", 4_026_531_830L);
        link(root, "proc/" + DOCKERD + "/fd/3", "socket:[" + SOCKET_INODE + "]");
        link(root, "proc/" + DOCKERD + "/fd/4", "/dev/null");
        write(root, "proc/" + DOCKERD + "/net/unix", "Num       RefCount Protocol Flags    Type St Inode Path\n"
                + "0000000000000000: 00000002 00000000 00010000 0001 01 " + SOCKET_INODE + " /run/docker.sock\n");
        String noListener = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        write(root, "proc/" + DOCKERD + "/net/tcp", noListener);
        write(root, "proc/" + DOCKERD + "/net/tcp6", noListener);
        write(root, "etc/group", "root:x:0:\ndocker:x:999:\n");
        write(root, "etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
        write(root, "etc/docker/daemon.json", "{\"icc\": false, \"log-driver\": \"json-file\"}\n");
        write(root, "lib/systemd/system/docker.service", "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n");
        write(root, "lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/docker.sock\nSocketMode=0660\n");
        long namespaces = 4_026_532_000L;
        for (ContainerRecord container : lab.containers()) {
            JsonNode state = container.inspect().path("State");
            int pid = state.path("Pid").asInt(0);
            if (state.path("Running").asBoolean(false) && pid > 1 && pid != DOCKERD) {
                String cgroup = "/system.slice/docker-" + container.inspect().path("Id").asText() + ".scope";
                process(root, pid, "sleep", "sleep\0infinity", DOCKER_CAPABILITIES, cgroup, namespaces += 10);
                write(root, "sys/fs/cgroup" + cgroup + "/memory.max", "67108864\n");
                write(root, "sys/fs/cgroup" + cgroup + "/memory.swap.max", "max\n");
                write(root, "sys/fs/cgroup" + cgroup + "/cpu.max", "50000 100000\n");
                write(root, "sys/fs/cgroup" + cgroup + "/cpu.weight", "100\n");
                write(root, "sys/fs/cgroup" + cgroup + "/pids.max", "50\n");
            }
        }
    }

    private static void process(Path root, int pid, String command, String arguments, String capabilities, String cgroup,
            long namespaces) throws IOException {
        String dir = "proc/" + pid + "/";
        write(root, dir + "comm", command + "\n");
        write(root, dir + "cmdline", arguments + "\0");
        write(root, dir + "stat", pid + " (" + command + ") S 1 " + pid + " " + pid + " 0 -1 4194560 100 0 0 0 1 1 0 0 20 0 1 0 1000"
                + " 2000000 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
        write(root, dir + "status", "Name:\t" + command + "\nState:\tS (sleeping)\nTgid:\t" + pid + "\nPid:\t" + pid + "\nPPid:\t1\n"
                + "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nCapInh:\t0000000000000000\nCapPrm:\t" + capabilities
                + "\nCapEff:\t" + capabilities + "\nCapBnd:\t" + capabilities + "\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\n"
                + "Seccomp:\t" + (pid == 1 ? 0 : 2) + "\nSeccomp_filters:\t" + (pid == 1 ? 0 : 1) + "\n");
        write(root, dir + "cgroup", "0::" + cgroup + "\n");
        write(root, dir + "attr/current", pid == 1 ? "unconfined\n" : "docker-default (enforce)\n");
        write(root, dir + "syscall", "230 0x0 0x0 0x7ffd4c2a1b60 0x7ffd4c2a1b60 0x0 0x0 0x7ffd4c2a1b48 0x7f3a9b2e4a8e\n");
        write(root, dir + "mountinfo", "25 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"
                + "26 25 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:2 - proc proc rw\n"
                + "27 25 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:3 - cgroup2 cgroup2 rw,nsdelegate\n"
                + "28 25 254:1 /var/lib/docker /var/lib/docker rw,relatime shared:1 - ext4 /dev/vda1 rw\n"
                + "29 25 0:24 / /run\\040dir ro,nosuid,nodev - tmpfs tmpfs rw,mode=755\n");
        List<String> kinds = ProcFs.NAMESPACE_KINDS;
        for (int i = 0; i < kinds.size(); i++) {
            link(root, dir + "ns/" + kinds.get(i), kinds.get(i) + ":[" + (namespaces + i) + "]");
        }
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void link(Path root, String path, String target) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.createSymbolicLink(file, Path.of(target));
    }
}
