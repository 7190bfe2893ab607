package dev.stackwright.analysis.reach;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
        return this.src.contains(src)
                && this.sport.contains(sport)
                && this.dst.contains(dst)
                && this.dport.contains(dport);
    }

    /** The overlap, or null when the boxes are disjoint. */
    public @Nullable Box intersect(Box other) {
        Interval s = src.intersect(other.src);
        if (s == null) {
            return null;
        }
        Interval sp = sport.intersect(other.sport);
        if (sp == null) {
            return null;
        }
        Interval d = dst.intersect(other.dst);
        if (d == null) {
            return null;
        }
        Interval dp = dport.intersect(other.dport);
        return dp == null ? null : new Box(s, sp, d, dp);
    }

    /** Whether the boxes share a packet, without building the overlap. */
    public boolean overlaps(Box other) {
        return src.overlaps(other.src)
                && sport.overlaps(other.sport)
                && dst.overlaps(other.dst)
                && dport.overlaps(other.dport);
    }

    /**
     * This box without {@code cut}, as disjoint boxes: peel off the parts below and above the cut one dimension at a
     * time, narrowing to the cut's extent as we go.
     */
    public List<Box> minus(Box cut) {
        if (!overlaps(cut)) {
            return List.of(this);
        }
        List<Box> out = new ArrayList<>();
        Box rest = this;
        for (Dim d : Dim.ALL) {
            Interval mine = rest.get(d);
            Interval theirs = cut.get(d);
            if (mine.lo() < theirs.lo()) {
                out.add(rest.with(d, new Interval(mine.lo(), theirs.lo() - 1)));
            }
            if (mine.hi() > theirs.hi()) {
                out.add(rest.with(d, new Interval(theirs.hi() + 1, mine.hi())));
            }
            rest = rest.with(d, java.util.Objects.requireNonNull(mine.intersect(theirs))); // the boxes overlap
        }
        return out;
    }
}
