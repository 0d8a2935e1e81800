package org.dockaudit.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.dockaudit.model.Json;

/**
 * Where a command writes its result: a file, or standard output for {@code -} or no {@code -o}.
 * The target is checked before the work starts (an audit is not run for nothing), and a write that
 * fails (a full disk, {@code /dev/full}, a closed pipe) is an error, not a silent exit 0.
 */
final class Output {

    /** Writes the result to the stream it is given. */
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path file;

    private Output(Path file) {
        this.file = file;
    }

    /** {@code null} or {@code -}: standard output. */
    static Output of(Path option) {
        return new Output(option == null || option.toString().equals("-") ? null : option);
    }

    boolean toStandardOutput() {
        return file == null;
    }

    /** Refuses a target that cannot be written, before any work. */
    Output check() throws UserError {
        if (file == null) {
            return this;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new UserError(ExitCode.BAD_INPUT, "cannot write to " + file + ": it is a directory");
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserError(ExitCode.BAD_INPUT, "cannot write to " + file + ": no directory " + parent);
        }
        if (Files.exists(file) ? !Files.isWritable(file) : parent != null && !Files.isWritable(parent)) {
            throw new UserError(ExitCode.BAD_INPUT, "cannot write to " + file + ": permission denied");
        }
        return this;
    }

    void write(Console console, Writer writer) throws UserError {
        String target = file == null ? "standard output" : file.toString();
        try {
            if (file == null) {
                // Not closed: standard output belongs to the caller.
                OutputStream out = new FilterOutputStream(console.out());
                writer.writeTo(out);
                out.flush();
            } else {
                try (OutputStream out = Files.newOutputStream(file)) {
                    writer.writeTo(out);
                }
            }
        } catch (IOException e) {
            throw new UserError(ExitCode.BAD_INPUT, "cannot write to " + target + ": " + e.getMessage());
        }
    }

    /** One JSON document and a final newline. */
    static void json(OutputStream out, Object document) throws IOException {
        Json.MAPPER.writeValue(out, document);
        out.write('\n');
        out.flush();
    }

    /** UTF-8 text; a failed write is an {@link IOException}, which a {@link PrintWriter} alone keeps to itself. */
    static void text(OutputStream out, Consumer<PrintWriter> body) throws IOException {
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        body.accept(writer);
        if (writer.checkError()) {
            throw new IOException("the write failed (a full disk, a closed pipe?)");
        }
    }
}
