package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dockaudit.model.Fact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {

    @TempDir
    Path root;

    @Test
    void aFileIsReadWholeWhateverItsLength() throws Exception {
        for (int length : new int[] {0, 1, 8191, 8192, 8193, 40_000}) {
            String content = "x".repeat(length);
            Path file = root.resolve("file-" + length);
            Files.writeString(file, content);
            assertThat(ProcFs.read(file).value()).as("%d bytes", length).isEqualTo(content);
        }
    }

    @Test
    void aSysctlIsReadWhole() throws Exception {
        // It answers a read past offset 0 with end of file: "40" must not come back as "4".
        Path sysctl = Path.of("/proc/sys/kernel/cap_last_cap");
        Process cat = new ProcessBuilder("cat", sysctl.toString()).start();
        String expected = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cat.waitFor()).isZero();
        assertThat(ProcFs.read(sysctl).value()).isEqualTo(expected).hasSizeGreaterThan(2);
    }

    @Test
    void aFailedReadSaysWhyAndWhichFile() throws Exception {
        Fact<String> missing = ProcFs.read(root.resolve("gone"));
        assertThat(missing.gap()).isEqualTo(Fact.Gap.MISSING);
        assertThat(missing.unknown()).isEqualTo(root.resolve("gone") + ": no such file");

        Fact<String> directory = ProcFs.read(root);
        assertThat(directory.known()).isFalse();
        assertThat(directory.gap()).isEqualTo(Fact.Gap.OTHER);
        assertThat(directory.unknown()).startsWith(root.toString());
    }
}
