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

    /**
     * Every value {@code flags} (spellings of one flag: {@code -H}, {@code --host}) are given on the
     * command line, in order: {@code --flag value}, {@code --flag=value}, or {@code true} for a flag
     * followed by no value.
     */
    public List<String> flagValues(List<String> flags) {
        List<String> values = new java.util.ArrayList<>();
        for (int i = 1; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            for (String flag : flags) {
                if (argument.equals(flag) && i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("-")) {
                    values.add(arguments.get(++i));
                } else if (argument.equals(flag)) {
                    values.add("true");
                } else if (argument.startsWith(flag + "=")) {
                    values.add(argument.substring(flag.length() + 1));
                }
            }
        }
        return values;
    }
}
