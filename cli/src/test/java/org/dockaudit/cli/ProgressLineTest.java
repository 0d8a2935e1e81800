package org.dockaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final StringWriter err = new StringWriter();

    @Test
    void aLongReadIsToldOnOneLineRewrittenInPlaceThenWiped() {
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), true, clock::get)) {
            line.containers(1, 500);
            clock.addAndGet(ProgressLine.QUIET_MILLIS);
            line.containers(2, 500);
            line.containers(3, 500);
            clock.addAndGet(100);
            line.containers(250, 500);
            line.containers(500, 500);
        }

        assertThat(err.toString()).isEqualTo("\rdockaudit: reading containers: 2 of 500\u001b[K"
                + "\rdockaudit: reading containers: 250 of 500\u001b[K"
                + "\rdockaudit: reading containers: 500 of 500\u001b[K"
                + "\r\u001b[K");
    }

    @Test
    void aQuickReadSaysNothing() {
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), true, clock::get)) {
            line.containers(1, 2);
            line.containers(2, 2);
        }

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void offTheTerminalOrQuietItSaysNothing() {
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), false, clock::get)) {
            clock.addAndGet(10_000);
            line.containers(1, 2);
        }

        assertThat(err.toString()).isEmpty();
    }
}
