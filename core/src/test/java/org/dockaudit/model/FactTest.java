package org.dockaudit.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unknown facts carry a kind that code branches on, and older snapshots still read. */
class FactTest {

    @Test
    void theGapTravelsThroughJsonAndMap() throws Exception {
        Fact<String> missing = Fact.unknown(Fact.Gap.MISSING, "/sys/x: no such file");
        String json = Json.MAPPER.writeValueAsString(missing);

        assertThat(json).containsPattern("\"gap\" *: *\"missing\"");
        Fact<?> read = Json.MAPPER.readValue(json, Fact.class);
        assertThat(read.missing()).isTrue();
        assertThat(missing.map(String::length).gap()).isEqualTo(Fact.Gap.MISSING);
        assertThat(Json.MAPPER.writeValueAsString(Fact.of("v"))).doesNotContain("gap");
    }

    @Test
    void aSnapshotWithoutGapsReadsMissingFilesFromTheirReason() throws Exception {
        assertThat(Json.MAPPER.readValue("{\"unknown\":\"/sys/x: no such file\"}", Fact.class).missing()).isTrue();
        assertThat(Json.MAPPER.readValue("{\"unknown\":\"/sys/x: permission denied\"}", Fact.class).gap()).isEqualTo(Fact.Gap.OTHER);
        assertThat(Fact.unknown("/sys/x: no such file").missing()).as("said in code, not guessed from words").isFalse();
    }
}
