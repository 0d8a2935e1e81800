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
        Fleet.relay(new Answering(Map.of()), "dockaudit:test", "1", new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("dockaudit-fleet unknown error ").hasLineCount(1);
    }

    /**
     * A manager of two nodes of one hostname, whose second node left the swarm before its task
     * ran: the first node's snapshot, the second named with why, each under a name of its own.
     */
    @Test
    void aNodeThatLeftTheSwarmIsNamedAndTheAuditGoesOn() throws Exception {
        String snapshot = encoded("{\"formatVersion\": 1}");
        Map<String, String> answers = Map.of(
                "/info", "{\"Swarm\":{\"NodeID\":\"manager0000001\",\"LocalNodeState\":\"active\",\"ControlAvailable\":true}}",
                "/nodes", "[{\"ID\":\"manager0000001\",\"Description\":{\"Hostname\":\"vm\"}},"
                        + "{\"ID\":\"worker00000002\",\"Description\":{\"Hostname\":\"vm\"}}]",
                "/services/create", "{\"ID\":\"job\"}",
                "/tasks", "[{\"NodeID\":\"manager0000001\",\"Status\":{\"State\":\"complete\"}}]",
                "/services/job/logs", "dockaudit-fleet manager0000001 data " + snapshot + "\ndockaudit-fleet manager0000001 end 1\n",
                "/containers/json", "[]");
        Answering engine = new Answering(answers);

        List<Fleet.NodeResult> results = Fleet.gather(engine, "dockaudit:test", java.time.Duration.ofSeconds(5), null);

        assertThat(results).extracting(Fleet.NodeResult::node).containsExactly("vm (manager00000)", "vm (worker000000)");
        assertThat(results.get(0).snapshot()).isNotNull();
        assertThat(results.get(1).failure()).isEqualTo("no task ran on it (drained, down, or it left the swarm)");
        // The job is removed however the audit ends.
        assertThat(engine.deleted).contains("/services/job");
    }

    /** An engine answering by path, the query left out, POST and GET alike; anything else is a 404. */
    private static final class Answering implements EngineControl {
        private final Map<String, String> answers;
        final List<String> deleted = new java.util.ArrayList<>();

        Answering(Map<String, String> answers) {
            this.answers = answers;
        }

        private String answer(String path) throws EngineException {
            String answer = answers.get(path.replaceFirst("\\?.*", ""));
            if (answer == null) {
                throw new EngineException(404, "GET " + path + ": no such object");
            }
            return answer;
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode get(String path) throws EngineException {
            try {
                return org.dockaudit.model.Json.MAPPER.readTree(answer(path));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
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
        public void delete(String path) {
            deleted.add(path);
        }

        @Override
        public byte[] getBytes(String path) throws EngineException {
            return answer(path).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String endpoint() {
            return "unix:///manager";
        }

        @Override
        public void close() {
        }
    }
}
