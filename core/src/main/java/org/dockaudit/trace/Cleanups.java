package org.dockaudit.trace;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What must be undone however the program ends: copies to remove, a tracing instance to close. On
 * Ctrl-C or SIGTERM the program's shutdown hook calls {@link #undoAll}, which undoes what is still
 * registered, newest first; a normal end undoes each through its own {@code close}. (SIGKILL runs
 * nothing: the next run recognises the leftovers by their label and their name.)
 */
public final class Cleanups {

    private static final Deque<Handle> PENDING = new ArrayDeque<>();
    private static volatile boolean closing;

    private Cleanups() {}

    /**
     * Registers {@code undo}; the returned handle runs it once, either here or from the hook. The
     * main thread keeps running while the hook does: what it creates after the hook began (a copy
     * whose creation was under way) is undone at once.
     */
    public static Handle register(Runnable undo) {
        Handle handle = new Handle(undo);
        synchronized (PENDING) {
            if (!closing) {
                PENDING.push(handle);
                return handle;
            }
        }
        handle.run();
        return handle;
    }

    /** Whether the program is being ended (Ctrl-C, SIGTERM): nothing new should start. */
    public static boolean closing() {
        return closing;
    }

    /** Undoes everything still registered, newest first; how many were still to undo. */
    public static int undoAll() {
        synchronized (PENDING) {
            closing = true;
        }
        int count = 0;
        while (true) {
            Handle next;
            synchronized (PENDING) {
                next = PENDING.poll();
            }
            if (next == null) {
                return count;
            }
            count += next.run() ? 1 : 0;
        }
    }

    /** One registered undo, run at most once. */
    public static final class Handle {
        private final Runnable undo;
        private boolean done;

        private Handle(Runnable undo) {
            this.undo = undo;
        }

        /** Runs the undo unless it already ran; whether it ran now. */
        public boolean run() {
            synchronized (this) {
                if (done) {
                    return false;
                }
                done = true;
            }
            synchronized (PENDING) {
                PENDING.remove(this);
            }
            undo.run();
            return true;
        }
    }
}
