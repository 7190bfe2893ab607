package dev.stackwright.analysis.reach;

import java.util.ArrayList;
import java.util.List;

/** A product of one interval per dimension: every packet whose four fields fall inside. */
public record Box(Interval src, Interval sport, Interval dst, Interval dport) {

    public Interval get(Dim dim) {
        return switch (dim) {
            case SRC -> src;
            case SPORT -> sport;
            case DST -> dst;
            case DPORT -> dport;
        };
    }

    public Box with(Dim dim, Interval value) {
        return switch (dim) {
            case SRC -> new Box(value, sport, dst, dport);
            case SPORT -> new Box(src, value, dst, dport);
            case DST -> new Box(src, sport, value, dport);
            case DPORT -> new Box(src, sport, dst, value);
        };
    }

    public boolean contains(long src, long sport, long dst, long dport) {
        return this.src.contains(src) && this.sport.contains(sport) && this.dst.contains(dst) && this.dport.contains(dport);
    }

    /** The overlap, or null when the boxes are disjoint. */
    public Box intersect(Box other) {
        Box out = this;
        for (Dim d : Dim.values()) {
            Interval i = get(d).intersect(other.get(d));
            if (i == null) {
                return null;
            }
            out = out.with(d, i);
        }
        return out;
    }

    /**
     * This box without {@code cut}, as disjoint boxes: peel off the parts below and above the cut one dimension at a
     * time, narrowing to the cut's extent as we go.
     */
    public List<Box> minus(Box cut) {
        if (intersect(cut) == null) {
            return List.of(this);
        }
        List<Box> out = new ArrayList<>();
        Box rest = this;
        for (Dim d : Dim.values()) {
            Interval mine = rest.get(d);
            Interval theirs = cut.get(d);
            if (mine.lo() < theirs.lo()) {
                out.add(rest.with(d, new Interval(mine.lo(), theirs.lo() - 1)));
            }
            if (mine.hi() > theirs.hi()) {
                out.add(rest.with(d, new Interval(theirs.hi() + 1, mine.hi())));
            }
            rest = rest.with(d, mine.intersect(theirs));
        }
        return out;
    }
}
