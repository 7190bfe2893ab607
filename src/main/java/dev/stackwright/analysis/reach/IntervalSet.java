package dev.stackwright.analysis.reach;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A set of longs as sorted, disjoint, non-adjacent intervals: a projection of a packet set onto one dimension. */
public final class IntervalSet {
    private static final IntervalSet EMPTY = new IntervalSet(List.of());

    private final List<Interval> intervals;
    /** The list's hash, kept once asked (0: not yet): sets key the policy's and the reports' tables. */
    private int hash;

    private IntervalSet(List<Interval> canonical) {
        this.intervals = canonical;
    }

    public static IntervalSet empty() {
        return EMPTY;
    }

    public static IntervalSet of(Interval... intervals) {
        // One interval is the usual case (a port, a block): no list to sort, no iterator to make.
        return intervals.length == 1 ? new IntervalSet(List.of(intervals[0])) : of(List.of(intervals));
    }

    /** Sorts and merges overlapping or adjacent intervals. */
    public static IntervalSet of(Collection<Interval> intervals) {
        if (intervals.isEmpty()) {
            return EMPTY;
        }
        if (intervals.size() == 1) {
            return new IntervalSet(List.of(
                    intervals instanceof List<Interval> list
                            ? list.getFirst()
                            : intervals.iterator().next()));
        }
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(null);
        List<Interval> merged = new ArrayList<>();
        for (Interval i : sorted) {
            if (!merged.isEmpty() && merged.getLast().hi() >= i.lo() - 1) {
                Interval last = merged.removeLast();
                merged.add(new Interval(last.lo(), Math.max(last.hi(), i.hi())));
            } else {
                merged.add(i);
            }
        }
        return merged.isEmpty() ? EMPTY : new IntervalSet(List.copyOf(merged));
    }

    public List<Interval> intervals() {
        return intervals;
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    public boolean contains(long value) {
        return intervals.stream().anyMatch(i -> i.contains(value));
    }

    public boolean containsAll(IntervalSet other) {
        return other.minus(this).isEmpty();
    }

    public Optional<Long> first() {
        return intervals.isEmpty()
                ? Optional.empty()
                : Optional.of(intervals.getFirst().lo());
    }

    public long size() {
        return intervals.stream().mapToLong(Interval::size).sum();
    }

    public IntervalSet union(IntervalSet other) {
        if (other.intervals.isEmpty() || other == this) {
            return this;
        }
        if (intervals.isEmpty() || other.intervals.equals(intervals)) {
            return intervals.isEmpty() ? other : this;
        }
        // Both lists are sorted and disjoint: merge them in one walk (no sort; this runs for every connection).
        List<Interval> a = intervals;
        List<Interval> b = other.intervals;
        List<Interval> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        long lo = 0;
        long hi = 0;
        boolean open = false;
        while (i < a.size() || j < b.size()) {
            Interval next =
                    j >= b.size() || (i < a.size() && a.get(i).lo() <= b.get(j).lo()) ? a.get(i++) : b.get(j++);
            if (open && hi >= next.lo() - 1) {
                hi = Math.max(hi, next.hi());
            } else {
                if (open) {
                    out.add(new Interval(lo, hi));
                }
                lo = next.lo();
                hi = next.hi();
                open = true;
            }
        }
        out.add(new Interval(lo, hi));
        return new IntervalSet(List.copyOf(out));
    }

    public IntervalSet intersect(IntervalSet other) {
        if (intervals.isEmpty() || other == this) {
            return this;
        }
        if (other.intervals.isEmpty()) {
            return other;
        }
        if (other.intervals.size() == 1 && other.intervals.getFirst().contains(span())) {
            return this;
        }
        if (intervals.size() == 1 && intervals.getFirst().contains(other.span())) {
            return other;
        }
        // Both lists are sorted and disjoint: walk them together.
        List<Interval> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < intervals.size() && j < other.intervals.size()) {
            Interval a = intervals.get(i);
            Interval b = other.intervals.get(j);
            Interval both = a.intersect(b);
            if (both != null) {
                out.add(both);
            }
            if (a.hi() < b.hi()) {
                i++;
            } else {
                j++;
            }
        }
        return out.isEmpty() ? EMPTY : new IntervalSet(List.copyOf(out));
    }

    /** From the lowest value to the highest (only for a set that is not empty). */
    private Interval span() {
        // Asked for every connection: one interval is its own span.
        return intervals.size() == 1
                ? intervals.getFirst()
                : new Interval(intervals.getFirst().lo(), intervals.getLast().hi());
    }

    public IntervalSet intersect(Interval other) {
        if (intervals.isEmpty()) {
            return this;
        }
        if (other.contains(span())) {
            return this;
        }
        if (intervals.size() == 1) {
            Interval both = intervals.getFirst().intersect(other);
            return both == null ? EMPTY : new IntervalSet(List.of(both));
        }
        return intersect(of(other));
    }

    public IntervalSet minus(IntervalSet other) {
        if (intervals.isEmpty() || other.intervals.isEmpty()) {
            return this;
        }
        List<Interval> current = new ArrayList<>(intervals);
        for (Interval cut : other.intervals) {
            List<Interval> next = new ArrayList<>();
            for (Interval i : current) {
                if (!i.overlaps(cut)) {
                    next.add(i);
                    continue;
                }
                if (i.lo() < cut.lo()) {
                    next.add(new Interval(i.lo(), cut.lo() - 1));
                }
                if (i.hi() > cut.hi()) {
                    next.add(new Interval(cut.hi() + 1, i.hi()));
                }
            }
            current = next;
        }
        return of(current);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof IntervalSet s && s.intervals.equals(intervals));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = intervals.hashCode();
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return intervals.toString();
    }
}
