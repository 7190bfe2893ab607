package dev.stackwright.analysis.reach;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A set of packets (of one protocol) as disjoint boxes over {@link Dim}. Every hop of a flow is a filter from one
 * packet set to the subset it admits, so a flow is reachable exactly when the set that survives every hop is not
 * empty; there is no sampling and no "first match only" shortcut.
 */
public final class PacketSet {
    private static final PacketSet EMPTY = new PacketSet(List.of());

    private final List<Box> boxes;

    private PacketSet(List<Box> disjoint) {
        this.boxes = disjoint;
    }

    public static PacketSet empty() {
        return EMPTY;
    }

    public static PacketSet of(Box box) {
        return new PacketSet(List.of(box));
    }

    /** The union of possibly overlapping boxes. */
    public static PacketSet union(Collection<Box> boxes) {
        PacketSet out = EMPTY;
        for (Box b : boxes) {
            out = out.union(of(b));
        }
        return out;
    }

    public List<Box> boxes() {
        return boxes;
    }

    public boolean isEmpty() {
        return boxes.isEmpty();
    }

    public boolean contains(long src, long sport, long dst, long dport) {
        return boxes.stream().anyMatch(b -> b.contains(src, sport, dst, dport));
    }

    public PacketSet intersect(Box box) {
        List<Box> out = new ArrayList<>();
        for (Box b : boxes) {
            Box i = b.intersect(box);
            if (i != null) {
                out.add(i);
            }
        }
        return out.isEmpty() ? EMPTY : new PacketSet(List.copyOf(out));
    }

    public PacketSet intersect(PacketSet other) {
        List<Box> out = new ArrayList<>();
        for (Box a : boxes) {
            for (Box b : other.boxes) {
                Box i = a.intersect(b);
                if (i != null) {
                    out.add(i);
                }
            }
        }
        return out.isEmpty() ? EMPTY : new PacketSet(List.copyOf(out));
    }

    public PacketSet minus(Box cut) {
        if (boxes.size() == 1 && !boxes.getFirst().overlaps(cut)) {
            return this; // one box is already as coalesced as it gets
        }
        List<Box> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            if (b.overlaps(cut)) {
                out.addAll(b.minus(cut));
            } else {
                out.add(b);
            }
        }
        return out.isEmpty() ? EMPTY : new PacketSet(List.copyOf(coalesce(out)));
    }

    public PacketSet minus(PacketSet other) {
        PacketSet out = this;
        for (int i = 0; i < other.boxes.size() && !out.isEmpty(); i++) {
            out = out.minus(other.boxes.get(i));
        }
        return out;
    }

    public PacketSet union(PacketSet other) {
        if (isEmpty()) {
            return other;
        }
        List<Box> out = new ArrayList<>(boxes);
        out.addAll(other.minus(this).boxes);
        return new PacketSet(List.copyOf(coalesce(out)));
    }

    /** The values one field takes across the set. */
    public IntervalSet project(Dim dim) {
        return IntervalSet.of(boxes.stream().map(b -> b.get(dim)).toList());
    }

    /**
     * Forgets every field but {@code kept}: the other fields widen to {@code full}'s. Used to join the two legs of a
     * NAT path, which share only the destination address and port.
     */
    public PacketSet keep(Set<Dim> kept, Box full) {
        List<Box> widened = new ArrayList<>();
        for (Box b : boxes) {
            Box w = b;
            for (Dim d : EnumSet.complementOf(EnumSet.copyOf(kept))) {
                w = w.with(d, full.get(d));
            }
            widened.add(w);
        }
        return union(widened);
    }

    /** Keeps the packets whose {@code dim} lies in {@code values}. */
    public PacketSet restrict(Dim dim, IntervalSet values) {
        List<Box> out = new ArrayList<>();
        for (Box b : boxes) {
            for (Interval v : values.intervals()) {
                Interval i = b.get(dim).intersect(v);
                if (i != null) {
                    out.add(b.with(dim, i));
                }
            }
        }
        return out.isEmpty() ? EMPTY : new PacketSet(List.copyOf(out));
    }

    /** Whether both sets hold the same packets, whatever their boxes. */
    public boolean sameAs(PacketSet other) {
        return minus(other).isEmpty() && other.minus(this).isEmpty();
    }

    /** One packet of the set (the lowest corner of its first box), for witnesses. */
    public Optional<Box> sample() {
        if (boxes.isEmpty()) {
            return Optional.empty();
        }
        Box b = boxes.getFirst();
        return Optional.of(new Box(
                Interval.of(b.src().lo()),
                Interval.of(b.sport().lo()),
                Interval.of(b.dst().lo()),
                Interval.of(b.dport().lo())));
    }

    /**
     * Merges boxes that differ in one field only and touch there, so repeated cuts do not fragment the set without
     * bound. Keeps the boxes disjoint.
     */
    private static List<Box> coalesce(List<Box> in) {
        List<Box> boxes = new ArrayList<>(in);
        boolean merged = true;
        while (merged && boxes.size() > 1) {
            merged = false;
            outer:
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    Box m = mergeable(boxes.get(i), boxes.get(j));
                    if (m != null) {
                        boxes.set(i, m);
                        boxes.remove(j);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        return boxes;
    }

    private static @Nullable Box mergeable(Box a, Box b) {
        Dim differing = null;
        for (Dim d : Dim.ALL) {
            if (!a.get(d).equals(b.get(d))) {
                if (differing != null) {
                    return null;
                }
                differing = d;
            }
        }
        if (differing == null) {
            return a;
        }
        Interval x = a.get(differing);
        Interval y = b.get(differing);
        if (x.hi() + 1 == y.lo()) {
            return a.with(differing, new Interval(x.lo(), y.hi()));
        }
        if (y.hi() + 1 == x.lo()) {
            return a.with(differing, new Interval(y.lo(), x.hi()));
        }
        return null;
    }

    @Override
    public String toString() {
        return boxes.toString();
    }
}
