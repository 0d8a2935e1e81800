package org.dockaudit.seccomp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Tab-separated tables shipped in the jar: syscall numbers, argument types, measured call lists. */
public final class DataTables {

    private DataTables() {}

    /** The rows of the resource {@code name} beside {@code owner}, split at tabs; blank lines and {@code #} comments skipped. */
    public static List<String[]> rows(Class<?> owner, String name) {
        InputStream in = owner.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " of " + owner.getPackageName() + " is missing from the build");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split("\t")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
