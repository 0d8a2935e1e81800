package org.dockaudit.seccomp;

/** A filter the kernel would refuse with EINVAL; the message says which instruction and why. */
public final class InvalidFilterException extends Exception {

    public InvalidFilterException(String message) {
        super(message);
    }
}
