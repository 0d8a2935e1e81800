package org.dockaudit.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A path of the audited host, when its root file system is seen under a prefix ({@code --host-root
 * /host}, from a container given {@code -v /:/host:ro}): each symbolic link on the way is followed
 * as the host would follow it, an absolute target from the host's root, not the container's
 * ({@code /var/run} is {@code /run} of the host).
 */
final class HostPaths {

    /** Links followed before giving up, as the kernel's own limit. */
    private static final int MAX_LINKS = 40;

    private HostPaths() {}

    /** {@code absolute}, a path of the host, under {@code root}; the path itself when the root is {@code /}. */
    static Path under(Path root, String absolute) {
        if (root.equals(Path.of("/"))) {
            return Path.of(absolute);
        }
        Path resolved = root;
        java.util.Deque<String> pending = new java.util.ArrayDeque<>();
        for (Path name : Path.of(absolute).normalize()) {
            pending.add(name.toString());
        }
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (name.equals("..")) {
                resolved = resolved.equals(root) ? root : resolved.getParent();
                continue;
            }
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            Path next = resolved.resolve(name);
            if (!Files.isSymbolicLink(next) || ++links > MAX_LINKS) {
                // A loop is left unresolved: reading it then fails as it would on the host.
                resolved = next;
                continue;
            }
            try {
                Path target = Files.readSymbolicLink(next);
                java.util.Deque<String> expanded = new java.util.ArrayDeque<>();
                for (Path part : target) {
                    expanded.add(part.toString());
                }
                java.util.Iterator<String> backwards = expanded.descendingIterator();
                while (backwards.hasNext()) {
                    pending.addFirst(backwards.next());
                }
                if (target.isAbsolute()) {
                    resolved = root;
                }
            } catch (IOException e) {
                resolved = next;
            }
        }
        return resolved;
    }
}
