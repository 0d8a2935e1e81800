package org.dockaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The nodes' frames as the manager reads them from the service's logs, interleaved, with a failure and a damaged one. */
class FleetTest {

    private static String encoded(String text) throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(packed.toByteArray());
    }

    @Test
    void eachNodesSnapshotIsPutBackTogetherWhateverTheOrder() throws Exception {
        String a = encoded("{\"formatVersion\": 1, \"node\": \"a\"}");
        String b = encoded("{\"formatVersion\": 1, \"node\": \"b\"}");
        List<String> lines = List.of(
                "dockaudit-fleet n1 data " + a.substring(0, 10),
                "dockaudit-fleet n2 data " + b,
                "unrelated line of a task",
                "dockaudit-fleet n1 data " + a.substring(10),
                "dockaudit-fleet n2 end 1",
                "dockaudit-fleet n1 end 2",
                "dockaudit-fleet n3 error the collecting container exited with 3: cannot reach the Docker daemon",
                "dockaudit-fleet n4 data AAAA",
                "dockaudit-fleet n4 end 1");

        Map<String, Fleet.NodeResult> results = Fleet.decode(lines, Map.of("n1", "node-a", "n2", "node-b", "n3", "node-c"));

        assertThat(new String(results.get("node-a").snapshot(), StandardCharsets.UTF_8)).contains("\"a\"");
        assertThat(new String(results.get("node-b").snapshot(), StandardCharsets.UTF_8)).contains("\"b\"");
        assertThat(results.get("node-c").failure()).startsWith("the collecting container exited with 3");
        assertThat(results.get("n4").failure()).startsWith("its snapshot arrived damaged");
    }

    @Test
    void logStreamsAreDemultiplexedAndTtyOutputTakenAsItIs() {
        byte[] framed = {1, 0, 0, 0, 0, 0, 0, 3, 'a', 'b', '\n', 2, 0, 0, 0, 0, 0, 0, 2, 'c', '\n'};
        assertThat(Fleet.demux(framed)).isEqualTo("ab\nc\n");
        assertThat(Fleet.demux("plain\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("plain\n");
    }

    @Test
    void aFailureOnTheNodeIsRelayedInOneFrame() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Fleet.relay(new FakeControl(), "dockaudit:test", "1", new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("dockaudit-fleet unknown error ").hasLineCount(1);
    }

    /** An engine that answers nothing. */
    private static final class FakeControl implements EngineControl {
        @Override
        public com.fasterxml.jackson.databind.JsonNode get(String path) throws EngineException {
            throw new EngineException(EngineException.UNREACHABLE, "cannot reach the Docker daemon");
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode getSequence(String path) throws EngineException {
            return get(path);
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode post(String path, com.fasterxml.jackson.databind.JsonNode body) throws EngineException {
            return get(path);
        }

        @Override
        public void delete(String path) throws EngineException {
            get(path);
        }

        @Override
        public byte[] getBytes(String path) throws EngineException {
            get(path);
            return new byte[0];
        }

        @Override
        public String endpoint() {
            return "unix:///nowhere";
        }

        @Override
        public void close() {
        }
    }
}
