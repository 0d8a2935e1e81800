package org.dockaudit.seccomp;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The syscall names a libseccomp version resolves. runc hands every name of a profile to
 * libseccomp and drops those it cannot resolve: a name newer than the library stays refused in
 * the installed filter, whatever the profile says. Measured against the library itself
 * ({@code scripts/gen-libseccomp-names.sh}), one data file per version.
 */
public final class Libseccomp {

    /** Debian 12's libseccomp 2.5.4, which its runc links: the version the lab runs. */
    public static final Libseccomp DEBIAN_12 = load("2.5.4");

    private final String version;
    private final Map<Arch, Set<String>> unresolved;

    private Libseccomp(String version, Map<Arch, Set<String>> unresolved) {
        this.version = version;
        this.unresolved = unresolved;
    }

    static Libseccomp load(String version) {
        Map<Arch, Set<String>> unresolved = new EnumMap<>(Arch.class);
        for (String[] row : DataTables.rows(Libseccomp.class, "libseccomp/" + version + ".tsv")) {
            Arch arch = Arch.byId(row[0]).orElseThrow(() -> new IllegalStateException("libseccomp/" + version + ".tsv: unknown arch " + row[0]));
            unresolved.computeIfAbsent(arch, a -> new HashSet<>()).add(row[1]);
        }
        return new Libseccomp(version, unresolved);
    }

    public String version() {
        return version;
    }

    /** Whether the library turns {@code name} into a number on {@code arch}. */
    public boolean resolves(Arch arch, String name) {
        return arch.number(name).isPresent() && !unresolved.getOrDefault(arch, Set.of()).contains(name);
    }
}
