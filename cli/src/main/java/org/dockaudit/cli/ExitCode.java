package org.dockaudit.cli;

/** Exit codes, documented in {@code --help}. */
public enum ExitCode {
    OK(0, "done: the audit ran with no finding at or above --fail-on; seccomp: yes, same"),
    FINDINGS(1, "findings at or above --fail-on; seccomp query: no (proven), diff: different"),
    BAD_INPUT(2, "usage error or bad input (malformed snapshot, unwritable output)"),
    CANNOT_COLLECT(3, "cannot reach the Docker daemon or collect from it (a process left alone for its safety included);"
            + " seccomp query: unknown"),
    INTERNAL(4, "internal error (a bug: please report it)");

    final int code;
    final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The "Exit codes" section of every help page. */
    static java.util.Map<String, String> helpList() {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (ExitCode exitCode : values()) {
            codes.put(Integer.toString(exitCode.code), exitCode.meaning);
        }
        return codes;
    }
}
