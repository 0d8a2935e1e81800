package org.dockaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A result as UTF-8 text for a person. A failed write is an {@link IOException}, which a
 * {@link PrintWriter} alone keeps to itself.
 */
public abstract class TextFormat<T> implements ReportFormat<T> {

    /** {@code text}, unless the format is another text (DOT). */
    @Override
    public String name() {
        return "text";
    }

    @Override
    public final void write(T result, OutputStream out, Options options) throws IOException {
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        print(result, writer, options);
        if (writer.checkError()) {
            throw new IOException("the write failed (a full disk, a closed pipe?)");
        }
    }

    protected abstract void print(T result, PrintWriter out, Options options);
}
