package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AotTrainingCommandTest {

    /** The training's audit reaches its stand-in daemon (exit 3 would say it did not) and prints nothing. */
    @Test
    void theTrainingAuditsTheRecordedLabThroughItsStandInDaemonSilently() {
        Cli cli = Cli.run("aot-training", Path.of("..", "examples", "lab-snapshot.json").toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void itIsNotInTheHelp() {
        assertThat(Cli.run("--help").out()).doesNotContain("aot-training");
    }
}
