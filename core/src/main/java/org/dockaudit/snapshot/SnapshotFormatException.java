package org.dockaudit.snapshot;

/** A snapshot or inspect file that cannot be read; the message names the file and the problem. */
public final class SnapshotFormatException extends Exception {

    public SnapshotFormatException(String message) {
        super(message);
    }
}
