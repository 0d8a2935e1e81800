package org.dockaudit.seccomp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dockaudit.model.Json;

/**
 * Docker's builtin seccomp profile as each engine release ships it, from the public moby
 * repository ({@code docker-default/index.tsv}: the first release of each change, 20.10.0 to
 * 29.4.3). An engine uses the profile of the last change at or below its version; older engines
 * than 20.10 have none here.
 */
public final class DockerDefaultProfiles {

    /**
     * @param since the release from which the engine ships this profile (it may have shipped it before too)
     * @param tag   the moby tag it was taken from
     * @param file  the profile's file, one per distinct profile
     */
    public record Shipped(String since, String tag, String file, JsonNode profile) {}

    private record Entry(int[] version, String since, String file, String tag) {}

    private static final Pattern VERSION = Pattern.compile("^v?(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})");
    private static final List<Entry> ENTRIES = load();
    private static final ConcurrentHashMap<String, JsonNode> PROFILES = new ConcurrentHashMap<>();

    private DockerDefaultProfiles() {}

    /** The builtin profile of the engine with this version ({@code 20.10.24+dfsg1}, {@code 28.3.0}). */
    public static Optional<Shipped> forVersion(String dockerVersion) {
        Optional<int[]> version = parse(dockerVersion);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        Entry chosen = null;
        for (Entry entry : ENTRIES) {
            if (compare(entry.version(), version.get()) <= 0) {
                chosen = entry;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        Entry entry = chosen;
        return Optional.of(new Shipped(entry.since(), entry.tag(), entry.file(),
                PROFILES.computeIfAbsent(entry.file(), DockerDefaultProfiles::read)));
    }

    private static JsonNode read(String file) {
        try (InputStream in = DockerDefaultProfiles.class.getResourceAsStream("docker-default/" + file)) {
            if (in == null) {
                throw new IllegalStateException("docker-default/" + file + " is missing from the build");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        for (String[] row : DataTables.rows(DockerDefaultProfiles.class, "docker-default/index.tsv")) {
            entries.add(new Entry(parse(row[0]).orElseThrow(() -> new IllegalStateException("docker-default/index.tsv: " + row[0])),
                    row[0], row[1], row[2]));
        }
        return List.copyOf(entries);
    }

    private static Optional<int[]> parse(String version) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher matcher = VERSION.matcher(version.strip());
        return matcher.find()
                ? Optional.of(new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))})
                : Optional.empty();
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
