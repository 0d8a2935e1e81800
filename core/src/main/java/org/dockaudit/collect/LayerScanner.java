package org.dockaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.dockaudit.model.Fact;

/**
 * Lists setuid and setgid files in an image's layer directories (overlay2's {@code LowerDir} and
 * {@code UpperDir}), read-only, with a bound on the number of entries visited.
 */
final class LayerScanner {

    private final Path root;
    private final int maxEntries;

    LayerScanner(Path root, int maxEntries) {
        this.root = root;
        this.maxEntries = maxEntries;
    }

    /** The image's layer directories, topmost first: UpperDir, then LowerDir in its own order. */
    private static List<String> layers(JsonNode image) {
        JsonNode data = image.path("GraphDriver").path("Data");
        List<String> layers = new ArrayList<>();
        for (String field : List.of("UpperDir", "LowerDir")) {
            String value = data.path(field).asText("");
            for (String layer : value.split(":")) {
                if (!layer.isEmpty()) {
                    layers.add(layer);
                }
            }
        }
        return layers;
    }

    private static String noLayers(JsonNode image) {
        return "the image's storage driver (" + image.path("GraphDriver").path("Name").asText("none") + ") names no layer directory";
    }

    /** {@code /etc/passwd} as the image presents it: from the topmost layer that has it. */
    Fact<String> passwd(JsonNode image) {
        List<String> layers = layers(image);
        if (layers.isEmpty()) {
            return Fact.unknown(noLayers(image));
        }
        for (String layer : layers) {
            Path file = root.resolve(layer.substring(1)).resolve("etc/passwd");
            if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    return Fact.of(new String(in.readNBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return ProcFs.failed(file, e);
                }
            }
            if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return Fact.unknown(file + " is not a regular file (a whiteout or a link)");
            }
        }
        return Fact.unknown("no layer of the image has /etc/passwd");
    }

    Fact<List<String>> setuidFiles(JsonNode image) {
        List<String> layers = layers(image);
        if (layers.isEmpty()) {
            return Fact.unknown(noLayers(image));
        }
        TreeSet<String> found = new TreeSet<>();
        int[] visited = {0};
        for (String layer : layers) {
            Path dir = root.resolve(layer.substring(1));
            try {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        if (++visited[0] > maxEntries) {
                            return FileVisitResult.TERMINATE;
                        }
                        if (attributes.isRegularFile()) {
                            int mode = (Integer) Files.getAttribute(file, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
                            if ((mode & 06000) != 0) {
                                found.add("/" + dir.relativize(file) + " (" + Integer.toOctalString(mode & 07777) + ")");
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException | RuntimeException e) {
                return ProcFs.failed(dir, e);
            }
            if (visited[0] > maxEntries) {
                return Fact.unknown("more than " + maxEntries + " files in the image's layers: scan stopped");
            }
        }
        return Fact.of(List.copyOf(found));
    }
}
