package org.dockaudit.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds a fake {@code /proc} and {@code /sys/fs/cgroup} under a temporary root. */
final class FixtureHost {

    final Path root;

    FixtureHost(Path root) {
        this.root = root;
        write("proc/sys/kernel/cap_last_cap", "40\n");
    }

    FixtureHost file(String path, String content) {
        write(path, content);
        return this;
    }

    /** A process with a status file, comm, cgroup lines and namespace links. */
    FixtureHost process(int pid, String comm, String capEff, String cgroup, Map<String, Long> namespaces, String extraStatus) {
        write("proc/" + pid + "/comm", comm + "\n");
        write("proc/" + pid + "/status", "Name:\t" + comm + "\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"
                + "CapInh:\t0000000000000000\nCapPrm:\t" + capEff + "\nCapEff:\t" + capEff + "\nCapBnd:\t" + capEff
                + "\nCapAmb:\t0000000000000000\n" + extraStatus);
        write("proc/" + pid + "/cgroup", cgroup);
        namespaces.forEach((kind, inode) -> link("proc/" + pid + "/ns/" + kind, kind + ":[" + inode + "]"));
        return this;
    }

    private void write(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void link(String path, String target) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.createSymbolicLink(file, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
