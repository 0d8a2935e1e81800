package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dockaudit.model.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerScannerTest {

    @TempDir
    Path root;

    private JsonNode image() throws Exception {
        return Json.MAPPER.readTree("{\"GraphDriver\":{\"Name\":\"overlay2\",\"Data\":{\"UpperDir\":\"/layers/top/diff\","
                + "\"LowerDir\":\"/layers/middle/diff:/layers/bottom/diff\"}}}");
    }

    @Test
    void passwdComesFromTheTopmostLayerThatHasIt() throws Exception {
        Files.createDirectories(root.resolve("layers/top/diff/etc"));
        Files.createDirectories(root.resolve("layers/middle/diff/etc"));
        Files.createDirectories(root.resolve("layers/bottom/diff/etc"));
        Files.writeString(root.resolve("layers/middle/diff/etc/passwd"), "root:x:0:0::/root:/bin/sh\nadmin:x:0:0::/:/bin/sh\n");
        Files.writeString(root.resolve("layers/bottom/diff/etc/passwd"), "root:x:0:0::/root:/bin/sh\n");

        assertThat(new LayerScanner(root, 1000).passwd(image()).value()).contains("admin:x:0:0");
    }

    @Test
    void noLayerDirectoryIsUnknownNotEmpty() throws Exception {
        assertThat(new LayerScanner(root, 1000).passwd(Json.MAPPER.readTree("{\"GraphDriver\":{\"Name\":\"vfs\"}}")).unknown())
                .contains("names no layer directory");
        assertThat(new LayerScanner(root, 1000).passwd(image()).unknown()).isEqualTo("no layer of the image has /etc/passwd");
    }
}
