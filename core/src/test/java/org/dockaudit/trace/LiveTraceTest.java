package org.dockaudit.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A trace on the real kernel's tracefs (root only): how it ends when its buffer overran. */
class LiveTraceTest {

    private static final Path TRACING = Path.of("/sys/kernel/tracing");

    @Test
    void aTraceWhoseBufferIsFullStillEndsAndSaysWhatItLost() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "tracefs is root's");
        List<String> said = new ArrayList<>();
        try (TraceFs tracefs = TraceFs.open(TRACING, said::add);
             LiveTrace live = new LiveTrace(tracefs, "runc", null, Set.of(), Set.of(), true, null)) {
            // The smallest buffer, every call of this JVM recorded: it overruns at once, and the
            // kernel then refuses the end marker too until the reader has drained a page.
            tracefs.enable(4, false);
            tracefs.follow(threadsOfThisProcess());
            live.start();
            for (int i = 0; i < 20_000; i++) {
                Files.exists(Path.of("/proc/self/status"));
            }

            live.stop();

            assertThat(tracefs.lost()).as("events the full buffer dropped").isPositive();
        }
    }

    private static List<Integer> threadsOfThisProcess() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.map(task -> Integer.parseInt(task.getFileName().toString())).toList();
        }
    }
}
