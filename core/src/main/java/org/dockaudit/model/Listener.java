package org.dockaudit.model;

/**
 * A socket the daemon listens on, from {@code /proc/<pid>/net/{tcp,tcp6,unix}} matched against
 * the inodes of its file descriptors.
 *
 * @param protocol {@code tcp}, {@code tcp6} or {@code unix}
 * @param address  IP address, or the socket path for unix
 * @param port     TCP port, 0 for unix
 * @param probe    for TCP, what the daemon answered to a client without credentials; null for unix
 */
public record Listener(String protocol, String address, int port, Fact<ProbeResult> probe) {}
