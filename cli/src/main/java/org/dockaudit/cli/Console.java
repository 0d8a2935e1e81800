package org.dockaudit.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Where the CLI writes, what it knows of the terminals (standard output for colors, standard error
 * for the progress line) and environment, and how much the user wants said: injectable for tests. The global options ({@code --color}, {@code --quiet},
 * {@code --verbose}, {@code --stacktrace}) set {@link #settings}.
 */
record Console(OutputStream out, PrintWriter err, boolean terminal, BooleanSupplier errTerminal, Map<String, String> environment,
        Settings settings) {

    /** @param errTerminal asked only when a progress line may be written: the answer costs a file read */
    Console(OutputStream out, PrintWriter err, boolean terminal, BooleanSupplier errTerminal, Map<String, String> environment) {
        this(out, err, terminal, errTerminal, environment, new Settings());
    }

    /** {@code --color}: {@code auto} colors a terminal unless NO_COLOR (no-color.org) is set and not empty. */
    enum ColorMode { auto, always, never }

    /** What the global options asked for; set while the command line is parsed, read when it runs. */
    static final class Settings {
        ColorMode color = ColorMode.auto;
        boolean quiet;
        boolean verbose;
        boolean stacktrace;
    }

    boolean colors() {
        return switch (settings.color) {
            case always -> true;
            case never -> false;
            case auto -> terminal && environment.getOrDefault("NO_COLOR", "").isEmpty();
        };
    }

    /** A line about the work ("wrote FILE", what a read repaired); {@code --quiet} leaves them out. */
    void info(String message) {
        if (!settings.quiet) {
            err.println("dockaudit: " + message);
        }
    }

    /** The line that says how far the reading of containers is: on a terminal, unless {@code --quiet}. */
    ProgressLine progressLine() {
        return new ProgressLine(err, !settings.quiet && errTerminal.getAsBoolean());
    }

    /** A line for {@code --verbose}: timings and what was assumed. */
    void detail(String message) {
        if (settings.verbose && !settings.quiet) {
            err.println("dockaudit: " + message);
        }
    }
}
