package dev.stackwright.analysis.reach;

import org.jspecify.annotations.Nullable;

/** An inclusive range of addresses or ports: the one-dimensional building block of packet sets. */
public record Interval(long lo, long hi) implements Comparable<Interval> {
    public Interval {
        if (lo > hi) {
            throw new IllegalArgumentException("empty interval " + lo + ".." + hi);
        }
    }

    public static Interval of(long value) {
        return new Interval(value, value);
    }

    public boolean contains(long value) {
        return value >= lo && value <= hi;
    }

    public boolean contains(Interval other) {
        return other.lo >= lo && other.hi <= hi;
    }

    public boolean overlaps(Interval other) {
        return other.lo <= hi && other.hi >= lo;
    }

    /** The overlap, or null when there is none (callers test with {@link #overlaps} first where it reads better). */
    public @Nullable Interval intersect(Interval other) {
        if (other.lo <= lo && other.hi >= hi) {
            return this;
        }
        if (lo <= other.lo && hi >= other.hi) {
            return other;
        }
        long l = Math.max(lo, other.lo);
        long h = Math.min(hi, other.hi);
        return l <= h ? new Interval(l, h) : null;
    }

    public long size() {
        return hi - lo + 1;
    }

    @Override
    public int compareTo(Interval o) {
        int c = Long.compare(lo, o.lo);
        return c != 0 ? c : Long.compare(hi, o.hi);
    }

    @Override
    public String toString() {
        return lo == hi ? String.valueOf(lo) : lo + "-" + hi;
    }
}
