package org.dockaudit.model;

/**
 * A control socket on the host.
 *
 * @param mode permission bits in octal, as {@code ls -l} would show them numerically ({@code 660})
 */
public record SocketFile(String path, String mode, int uid, int gid) {}
