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
     * @param docsUrl where the check pages are published, {@code {id}} standing for a check's id;
     *                null when they are not (each format then carries or names the page itself)
     */
    record Options(boolean color, boolean details, String docsUrl) {

        public static final Options PLAIN = new Options(false, false, null);

        public Options(boolean color, boolean details) {
            this(color, details, null);
        }

        /** The address of a check's page, when the pages are published. */
        public java.util.Optional<String> docsUrl(String checkId) {
            return java.util.Optional.ofNullable(docsUrl).map(url -> url.replace("{id}", checkId));
        }
    }
}
