package org.dockaudit.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dockaudit.report.Formats;
import org.dockaudit.report.ReportFormat;

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

    /** The result in the format given, colored only on a terminal that wants it. */
    <T> void write(Console console, ReportFormat<? super T> format, T result) throws UserError {
        write(console, format, result, false, null);
    }

    /**
     * @param details every finding of every target, where the format groups them by default
     * @param docsUrl where the check pages are published ({@code {id}} for the id); null when not
     */
    <T> void write(Console console, ReportFormat<? super T> format, T result, boolean details, String docsUrl) throws UserError {
        write(console, out -> format.write(result, out, new ReportFormat.Options(toStandardOutput() && console.colors(), details,
                docsUrl)));
    }

    /** The format {@code --format} names among those of this kind of result; else exit 2 naming the choices. */
    static <T> ReportFormat<? super T> format(Formats<T> formats, String name) throws UserError {
        return formats.named(name).orElseThrow(() -> new UserError(ExitCode.BAD_INPUT,
                "unknown format '" + name + "': one of " + String.join(", ", formats.names())));
    }
}
