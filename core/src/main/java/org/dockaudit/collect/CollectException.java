package org.dockaudit.collect;

/** Collection cannot go on: no daemon, no permission on its socket. The message is one line for the user. */
public final class CollectException extends Exception {

    public CollectException(String message) {
        super(message);
    }
}
