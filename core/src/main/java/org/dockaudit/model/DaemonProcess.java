package org.dockaudit.model;

import java.util.List;

/**
 * The {@code dockerd} process: its command line, and the sockets the kernel says it listens on.
 *
 * @param arguments {@code /proc/<pid>/cmdline}, program name first
 */
public record DaemonProcess(int pid, List<String> arguments, List<Listener> listeners) {

    public DaemonProcess {
        arguments = List.copyOf(arguments);
        listeners = List.copyOf(listeners);
    }
}
