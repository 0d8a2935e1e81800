package org.dockaudit.model;

/**
 * One line of {@code /proc/<pid>/mountinfo}: where a file system is mounted in the process's mount
 * namespace, and whether the kernel lets it be written there.
 *
 * @param mountPoint as the process sees it, octal escapes decoded
 * @param readOnly   the per-mount {@code ro} option: what {@code -v ...:ro} sets
 * @param device     {@code major:minor} of the file system (the same for every bind mount of it);
 *                   null in snapshots older than the field
 */
public record MountEntry(String mountPoint, boolean readOnly, String fsType, String source, String device) {}
