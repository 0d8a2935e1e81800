package org.dockaudit.cli;

/** An error for the user: one line on standard error, then the exit code. */
final class UserError extends Exception {

    final ExitCode exitCode;

    UserError(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
