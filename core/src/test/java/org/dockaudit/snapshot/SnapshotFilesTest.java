package org.dockaudit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dockaudit.model.ContainerRecord;
import org.dockaudit.model.DaemonFacts;
import org.dockaudit.model.Fact;
import org.dockaudit.model.HostFacts;
import org.dockaudit.model.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {

    private static final String CONTAINER = "{\"Id\":\"abc\",\"Name\":\"/web\",\"State\":{\"Running\":true},"
            + "\"HostConfig\":{\"Privileged\":false},\"Config\":{\"Env\":[\"DB_PASSWORD=hunter2\",\"PATH=/bin\",\"EMPTY\"]}}";
    private static final String IMAGE = "{\"Id\":\"sha256:1\",\"RepoTags\":[\"x:1\"],\"RootFS\":{},\"Config\":{\"Env\":[\"API_KEY=k\"]}}";

    private static Snapshot parse(String json) throws SnapshotFormatException {
        return SnapshotFiles.parse("input.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void dockerInspectArrayBecomesASnapshotWithoutKernelFacts() throws Exception {
        Snapshot snapshot = parse("[" + CONTAINER + "," + IMAGE + "]");

        assertThat(snapshot.source()).isEqualTo("inspect");
        assertThat(snapshot.containers()).hasSize(1);
        assertThat(snapshot.images()).hasSize(1);
        assertThat(snapshot.containers().getFirst().runtime().unknown()).contains("inspect output");
        assertThat(snapshot.host().namespaces().known()).isFalse();
        assertThat(snapshot.daemon().info().known()).isFalse();
    }

    /** Recorded with Debian's Podman 4.3: `podman create --cap-add NET_ADMIN dockaudit-lab sleep 1`, then `podman inspect`. */
    @Test
    void podmanInspectOutputIsRecognisedAsPodmans() throws Exception {
        Snapshot snapshot = SnapshotFiles.parse("podman.json",
                java.nio.file.Files.readAllBytes(java.nio.file.Path.of("src/test/resources/podman-inspect.json")));

        assertThat(snapshot.daemon().podman()).isTrue();
        assertThat(snapshot.containers().getFirst().inspect().path("Config").path("Entrypoint").isNull()).isTrue();
        var results = org.dockaudit.check.Auditor.withAllChecks().audit(snapshot);
        var report = org.dockaudit.report.AuditReport.of(snapshot, results);
        assertThat(report.source().describe()).isEqualTo("from inspect output, Podman, as its podman inspect output shows");
        // Podman's default set (11 capabilities), not Docker's 14.
        assertThat(report.checks().stream().filter(check -> check.id().equals("PRIV-003")).findFirst().orElseThrow().detail())
                .contains("keeps 11 default capabilities").doesNotContain("MKNOD");
    }

    @Test
    void singleInspectObjectIsAccepted() throws Exception {
        assertThat(parse(CONTAINER).containers()).hasSize(1);
    }

    @Test
    void truncatedJsonNamesTheFileAndWhere() {
        assertThatThrownBy(() -> parse("[" + CONTAINER.substring(0, 40)))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageStartingWith("input.json: truncated JSON: input ends at line 1");
    }

    @Test
    void malformedJsonNamesTheFile() {
        assertThatThrownBy(() -> parse("{\"formatVersion\": 1, oops}"))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageStartingWith("input.json: not valid JSON at line 1");
    }

    @Test
    void unknownDocumentsAreRefused() {
        assertThatThrownBy(() -> parse("{\"hello\": 1}"))
                .hasMessageContaining("neither a dockaudit snapshot");
        assertThatThrownBy(() -> parse("[{\"hello\": 1}]"))
                .hasMessageContaining("element 0 of the inspect array is neither a container");
        assertThatThrownBy(() -> parse("{\"formatVersion\": 99, \"containers\": []}"))
                .hasMessageContaining("format version 99 is not supported");
        assertThatThrownBy(() -> parse("{\"formatVersion\": 1, \"containers\": [{\"runtime\": {}}]}"))
                .hasMessageContaining("malformed snapshot at containers[0].runtime");
        assertThatThrownBy(() -> parse("")).hasMessage("input.json: empty file");
    }

    @Test
    void factWithNeitherValueNorReasonIsMalformed() {
        assertThatThrownBy(() -> parse("{\"formatVersion\": 1, \"containers\": [], \"host\": {\"capLastCap\": {}}}"))
                .isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("malformed snapshot at host.capLastCap");
    }

    @Test
    void wrongTypesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> SnapshotFiles.parse("in.json", bytes("[{\"Id\":\"a\",\"HostConfig\":{\"Privileged\":\"yes\"}}]")))
                .hasMessage("in.json: element 0: HostConfig.Privileged is \"yes\", expected true or false");
        assertThatThrownBy(() -> SnapshotFiles.parse("in.json", bytes("[{\"Id\":42,\"HostConfig\":\"oops\"}]")))
                .hasMessage("in.json: element 0: Id is 42, expected a string");
        assertThatThrownBy(() -> SnapshotFiles.parse("in.json", bytes("[{\"Id\":\"a\",\"HostConfig\":\"oops\"}]")))
                .hasMessage("in.json: element 0: HostConfig is \"oops\", expected an object");
        assertThatThrownBy(() -> SnapshotFiles.parse("in.json",
                bytes("[{\"Id\":\"a\",\"HostConfig\":{},\"Mounts\":[{\"Source\":\"/\",\"RW\":\"no\"}]}]")))
                .hasMessage("in.json: element 0: Mounts[].RW is \"no\", expected true or false");
    }

    @Test
    void nullsAndAbsentFieldsAreAcceptedAsTheEngineWritesThem() throws Exception {
        assertThat(SnapshotFiles.parse("in.json", bytes("[{\"Id\":\"a\",\"HostConfig\":{\"CapAdd\":null,\"PidsLimit\":null}}]"))
                .containers()).hasSize(1);
    }

    @Test
    void aSnapshotWithoutAContainersArrayIsRefused() {
        for (String containers : new String[] {"", ",\"containers\":null", ",\"containers\":{}", ",\"containers\":[],\"containers\":7"}) {
            assertThatThrownBy(() -> SnapshotFiles.parse("s.json", bytes("{\"formatVersion\":1,\"source\":\"live\"" + containers + "}")))
                    .as(containers).isInstanceOf(SnapshotFormatException.class).hasMessage("s.json: snapshot has no containers array");
        }
    }

    @Test
    void aSnapshotWithoutSourceIsRefused() {
        assertThatThrownBy(() -> SnapshotFiles.parse("s.json", bytes("{\"formatVersion\":1,\"containers\":[],\"images\":[]}")))
                .hasMessage("s.json: no source, expected \"live\" or \"inspect\"");
    }

    @Test
    void anEndlessInputIsRefusedWithoutReadingItAll() {
        java.io.InputStream zeros = new java.io.InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) 0);
                return length;
            }
        };
        assertThatThrownBy(() -> SnapshotFiles.readBounded("/dev/zero", zeros, 2 << 20))
                .hasMessage("/dev/zero: larger than 2 MiB: not a snapshot nor inspect output");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> SnapshotFiles.read(dir.resolve("nope.json")))
                .hasMessage(dir.resolve("nope.json") + ": no such file");
    }

    @Test
    void writtenSnapshotReadsBackAndRedactsValuesNotNames(@TempDir Path dir) throws Exception {
        Snapshot inspect = parse("[" + CONTAINER + "," + IMAGE + "]");
        Snapshot live = new Snapshot(Snapshot.FORMAT_VERSION, "dockaudit test", "2026-01-01T00:00:00Z", "live", false,
                new HostFacts(Fact.of(40), Fact.of(Map.of("net", 1L)), "pid 1", Fact.of("6.1.0"), Fact.of(List.of()),
                        Fact.of(List.of()), Fact.unknown("x"), Fact.unknown("x"), Fact.unknown("x"), Fact.unknown("x"),
                        Fact.unknown("x"), Fact.unknown("x"), Fact.unknown("x"), Fact.unknown("x"), Fact.unknown("x"), Fact.unknown("x")),
                DaemonFacts.notCollected("test"),
                List.of(new ContainerRecord(inspect.containers().getFirst().inspect(), Fact.unknown("stopped"))),
                inspect.images(), List.of("a note"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotFiles.write(Redactor.redact(live), out);
        Path file = dir.resolve("snap.json");
        Files.write(file, out.toByteArray());
        Snapshot read = SnapshotFiles.read(file);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("hunter2").doesNotContain("API_KEY=k")
                .contains("DB_PASSWORD=<redacted>").contains("EMPTY=<redacted>").contains("API_KEY=<redacted>");
        assertThat(read.redacted()).isTrue();
        assertThat(read.host().capLastCap().value()).isEqualTo(40);
        assertThat(read.host().namespaces().value()).containsEntry("net", 1L);
        assertThat(read.containers().getFirst().runtime().unknown()).isEqualTo("stopped");
        assertThat(read.notes()).containsExactly("a note");
        // The original is untouched: redaction copies.
        assertThat(live.containers().getFirst().inspect().toString()).contains("hunter2");
    }
}
