package org.dockaudit.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;

/** Where the CLI writes, and what it knows of the terminal and environment: injectable for tests. */
record Console(OutputStream out, PrintWriter err, boolean terminal, Map<String, String> environment) {

    /** ANSI colours on a terminal, unless NO_COLOR (no-color.org) is set. */
    boolean colors() {
        return terminal && !environment.containsKey("NO_COLOR");
    }
}
