package org.dockaudit.model;

/**
 * A file on the host, as {@code stat} sees it (links followed).
 *
 * @param type {@code file}, {@code directory}, {@code socket} or {@code other}; null in snapshots
 *             older than the field
 * @param mode permission bits in octal, as {@code stat -c %a} shows them ({@code 660}, {@code 1777})
 */
public record FileStatus(String path, String type, String mode, int uid, int gid) {

    /** The permission bits, special bits included. */
    public int permissions() {
        return Integer.parseInt(mode, 8);
    }
}
