package org.dockaudit.harden;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dockaudit.seccomp.Arch;

/**
 * The least privilege derived from a trace, in the terms the minimiser changes: the capabilities
 * to add after dropping all, the system calls the profile allows per ABI, and the other settings.
 *
 * @param capabilities names without {@code CAP_} ({@code SETUID}), or null when the trace has no
 *     capability data (strace): the container's set is then left as it is
 * @param syscalls per ABI, the calls the workload made (runc's and the kernel's are added to the profile)
 * @param noNewPrivileges whether to forbid gaining privileges by executing a file
 * @param readOnly whether the root file system can be read-only
 * @param tmpfs the directories to mount as tmpfs when it is, with their options
 * @param memoryBytes {@code --memory}, or -1 when not derived
 * @param pids {@code --pids-limit}, or -1 when not derived
 * @param user a non-root user to try, or null
 */
public record Least(Set<String> capabilities, Map<Arch, Set<String>> syscalls, boolean noNewPrivileges, boolean readOnly,
        List<String> tmpfs, long memoryBytes, long pids, String user) {

    public Least withoutCapability(String capability) {
        Set<String> fewer = new TreeSet<>(capabilities);
        fewer.remove(capability);
        return new Least(fewer, syscalls, noNewPrivileges, readOnly, tmpfs, memoryBytes, pids, user);
    }

    public Least withoutSyscall(String name) {
        Map<Arch, Set<String>> fewer = new java.util.EnumMap<>(Arch.class);
        syscalls.forEach((abi, names) -> {
            Set<String> kept = new TreeSet<>(names);
            kept.remove(name);
            fewer.put(abi, kept);
        });
        return new Least(capabilities, fewer, noNewPrivileges, readOnly, tmpfs, memoryBytes, pids, user);
    }

    public Least withUser(String other) {
        return new Least(capabilities, syscalls, noNewPrivileges, readOnly, tmpfs, memoryBytes, pids, other);
    }
}
