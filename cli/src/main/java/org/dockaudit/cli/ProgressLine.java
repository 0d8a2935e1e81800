package org.dockaudit.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import org.dockaudit.collect.LiveCollector;

/**
 * "reading containers: 120 of 500" on one line of standard error, rewritten in place while the
 * containers are read, and wiped when they all are: only when standard error is a terminal (a
 * log file would keep every rewrite), never with {@code --quiet}, and not for an audit quicker
 * than {@link #QUIET_MILLIS}, which needs no news.
 */
final class ProgressLine implements LiveCollector.Progress, AutoCloseable {

    static final long QUIET_MILLIS = 300;
    private static final long EVERY_MILLIS = 100;

    private final PrintWriter err;
    private final boolean shown;
    private final LongSupplier millis;
    private final long start;
    private long last;
    private boolean written;

    ProgressLine(PrintWriter err, boolean shown) {
        this(err, shown, () -> System.nanoTime() / 1_000_000);
    }

    /** @param millis a monotonic clock, in milliseconds */
    ProgressLine(PrintWriter err, boolean shown, LongSupplier millis) {
        this.err = err;
        this.shown = shown;
        this.millis = millis;
        this.start = millis.getAsLong();
    }

    @Override
    public synchronized void containers(int done, int total) {
        long now = millis.getAsLong() - start;
        if (!shown || now < QUIET_MILLIS || (now - last < EVERY_MILLIS && done < total)) {
            return;
        }
        last = now;
        err.print("\rdockaudit: reading containers: " + done + " of " + total + "\u001b[K");
        err.flush();
        written = true;
    }

    /** Wipes the line, so that what comes next starts on a clean one. */
    @Override
    public synchronized void close() {
        if (written) {
            err.print("\r\u001b[K");
            err.flush();
            written = false;
        }
    }
}
