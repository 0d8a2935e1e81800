package org.dockaudit.seccomp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/** An immutable set of unsigned 32-bit values, as sorted disjoint inclusive intervals. */
final class IntervalSet {

    static final long MAX = 0xffffffffL;
    static final IntervalSet ALL = new IntervalSet(new long[] {0, MAX});
    static final IntervalSet EMPTY = new IntervalSet(new long[0]);

    /** lo0, hi0, lo1, hi1, ... */
    private final long[] bounds;

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
        for (int i = 0; i < bounds.length; i += 2) {
            if (value >= bounds[i] && value <= bounds[i + 1]) {
                return true;
            }
        }
        return false;
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
        List<Long> result = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            long from = Math.max(lo, bounds[i]);
            long to = Math.min(hi, bounds[i + 1]);
            if (from <= to) {
                result.add(from);
                result.add(to);
            }
        }
        return of(result);
    }

    IntervalSet remove(long value) {
        List<Long> result = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            long lo = bounds[i];
            long hi = bounds[i + 1];
            if (value < lo || value > hi) {
                result.add(lo);
                result.add(hi);
                continue;
            }
            if (lo < value) {
                result.add(lo);
                result.add(value - 1);
            }
            if (value < hi) {
                result.add(value + 1);
                result.add(hi);
            }
        }
        return of(result);
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

    /** The first value of each interval, and the value just past its end: where membership changes. */
    void addBoundaries(java.util.SortedSet<Long> cuts) {
        for (int i = 0; i < bounds.length; i += 2) {
            cuts.add(bounds[i]);
            if (bounds[i + 1] < MAX) {
                cuts.add(bounds[i + 1] + 1);
            }
        }
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

    private static IntervalSet of(List<Long> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        long[] array = new long[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return new IntervalSet(array);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IntervalSet set && Arrays.equals(bounds, set.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
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
