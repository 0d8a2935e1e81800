package org.dockaudit.seccomp;

import java.util.Arrays;
import java.util.function.LongConsumer;

/** An immutable set of unsigned 32-bit values, as sorted disjoint inclusive intervals. */
final class IntervalSet {

    static final long MAX = 0xffffffffL;
    static final IntervalSet ALL = new IntervalSet(new long[] {0, MAX});
    static final IntervalSet EMPTY = new IntervalSet(new long[0]);

    /** lo0, hi0, lo1, hi1, ... */
    private final long[] bounds;
    /** Computed when first asked, as String does: every memo key of the analysis holds two sets. */
    private int hash;

    private IntervalSet(long[] bounds) {
        this.bounds = bounds;
    }

    static IntervalSet of(long value) {
        return new IntervalSet(new long[] {value, value});
    }

    boolean isEmpty() {
        return bounds.length == 0;
    }

    boolean contains(long value) {
        // Binary search for the last interval starting at or below the value: sets left by a chain of
        // equality tests have hundreds of holes.
        int low = 0;
        int high = bounds.length / 2 - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (bounds[2 * middle] <= value) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return high >= 0 && value <= bounds[2 * high + 1];
    }

    long first() {
        return bounds[0];
    }

    long size() {
        long size = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            size += bounds[i + 1] - bounds[i] + 1;
        }
        return size;
    }

    IntervalSet intersect(long lo, long hi) {
        long[] result = new long[bounds.length];
        int size = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            long from = Math.max(lo, bounds[i]);
            long to = Math.min(hi, bounds[i + 1]);
            if (from <= to) {
                result[size++] = from;
                result[size++] = to;
            }
        }
        return of(result, size);
    }

    IntervalSet remove(long value) {
        if (!contains(value)) {
            return this;
        }
        long[] result = new long[bounds.length + 2];
        int size = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            long lo = bounds[i];
            long hi = bounds[i + 1];
            if (value < lo || value > hi) {
                result[size++] = lo;
                result[size++] = hi;
                continue;
            }
            if (lo < value) {
                result[size++] = lo;
                result[size++] = value - 1;
            }
            if (value < hi) {
                result[size++] = value + 1;
                result[size++] = hi;
            }
        }
        return of(result, size);
    }

    /**
     * The members {@code v} for which the jump test {@code v op k} comes out as {@code holds}. A bit
     * test ({@code JSET}) does not cut a set into intervals: callers keep those as predicates.
     */
    IntervalSet narrow(Instruction.JumpOp op, long k, boolean holds) {
        return switch (op) {
            case JEQ -> holds ? (contains(k) ? of(k) : EMPTY) : remove(k);
            case JGT -> holds ? (k == MAX ? EMPTY : intersect(k + 1, MAX)) : intersect(0, k);
            case JGE -> holds ? intersect(k, MAX) : (k == 0 ? EMPTY : intersect(0, k - 1));
            case JSET -> throw new IllegalArgumentException("a bit test does not narrow a set to intervals");
        };
    }

    /**
     * Where membership in any of {@code sets} changes (the first value of each interval, and the
     * value just past its end), with 0: the starts of the pieces within which every set holds all
     * values or none. Ascending, each once.
     */
    static long[] pieceStarts(java.util.Collection<IntervalSet> sets) {
        int count = 1;
        for (IntervalSet set : sets) {
            count += set.bounds.length;
        }
        long[] cuts = new long[count];
        int size = 1;
        for (IntervalSet set : sets) {
            for (int i = 0; i < set.bounds.length; i += 2) {
                cuts[size++] = set.bounds[i];
                if (set.bounds[i + 1] < MAX) {
                    cuts[size++] = set.bounds[i + 1] + 1;
                }
            }
        }
        Arrays.sort(cuts, 0, size);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || cuts[i] != cuts[distinct - 1]) {
                cuts[distinct++] = cuts[i];
            }
        }
        return Arrays.copyOf(cuts, distinct);
    }

    /** Calls {@code action} with the first and last member of each interval, in ascending order. */
    void forEachInterval(IntervalAction action) {
        for (int i = 0; i < bounds.length; i += 2) {
            action.accept(bounds[i], bounds[i + 1]);
        }
    }

    interface IntervalAction {
        void accept(long first, long last);
    }

    /** Calls {@code action} for each member that is also in {@code candidates} (sorted ascending). */
    void forEachIn(long[] candidates, LongConsumer action) {
        int i = 0;
        for (long candidate : candidates) {
            while (i < bounds.length && bounds[i + 1] < candidate) {
                i += 2;
            }
            if (i >= bounds.length) {
                return;
            }
            if (candidate >= bounds[i]) {
                action.accept(candidate);
            }
        }
    }

    private static IntervalSet of(long[] values, int size) {
        return size == 0 ? EMPTY : new IntervalSet(size == values.length ? values : Arrays.copyOf(values, size));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IntervalSet set && hashCode() == set.hashCode() && Arrays.equals(bounds, set.bounds);
    }

    @Override
    public int hashCode() {
        int known = hash;
        if (known == 0) {
            known = Arrays.hashCode(bounds);
            hash = known;
        }
        return known;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < bounds.length; i += 2) {
            text.append(i == 0 ? "" : ", ").append(bounds[i] == bounds[i + 1] ? "" + bounds[i] : bounds[i] + "-" + bounds[i + 1]);
        }
        return text.append('}').toString();
    }
}
