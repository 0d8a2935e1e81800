package org.dockaudit.report;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One format of one kind of result: the one seam between what a command found and the bytes it
 * writes. Every command that prints a result goes through it ({@link Formats} lists them), so a
 * new format is one class and one line there.
 *
 * @param <T> the result it writes
 */
public interface ReportFormat<T> {

    /** The name {@code --format} takes. */
    String name();

    void write(T result, OutputStream out, Options options) throws IOException;

    /**
     * @param color   ANSI colors: only when writing to a terminal that wants them
     * @param details every finding of every target, not grouped (for the formats that group)
     */
    record Options(boolean color, boolean details) {

        public static final Options PLAIN = new Options(false, false);
    }
}
