package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Packet-set algebra against point membership, over a universe small enough to check every point (8^4). */
class PacketSetPropertiesTest {
    static final int SIZE = 8;
    static final Box FULL = new Box(
            new Interval(0, SIZE - 1), new Interval(0, SIZE - 1), new Interval(0, SIZE - 1), new Interval(0, SIZE - 1));

    @Provide
    Arbitrary<Box> boxes() {
        Arbitrary<Interval> interval = Combinators.combine(
                        Arbitraries.integers().between(0, SIZE - 1),
                        Arbitraries.integers().between(0, SIZE - 1))
                .as((a, b) -> new Interval(Math.min(a, b), Math.max(a, b)));
        return Combinators.combine(interval, interval, interval, interval).as(Box::new);
    }

    @Provide
    Arbitrary<PacketSet> sets() {
        return boxes().list().ofMaxSize(4).map(PacketSet::union);
    }

    @Property(tries = 150)
    void operations_matchPointMembership(
            @ForAll("sets") PacketSet a, @ForAll("sets") PacketSet b, @ForAll("boxes") Box cut) {
        PacketSet union = a.union(b);
        PacketSet intersection = a.intersect(b);
        PacketSet difference = a.minus(b);
        PacketSet cutOut = a.minus(cut);
        PacketSet kept = a.keep(EnumSet.of(Dim.DST, Dim.DPORT), FULL);
        for (int s = 0; s < SIZE; s++) {
            for (int sp = 0; sp < SIZE; sp++) {
                for (int d = 0; d < SIZE; d++) {
                    for (int dp = 0; dp < SIZE; dp++) {
                        boolean inA = a.contains(s, sp, d, dp);
                        boolean inB = b.contains(s, sp, d, dp);
                        assertThat(union.contains(s, sp, d, dp)).isEqualTo(inA || inB);
                        assertThat(intersection.contains(s, sp, d, dp)).isEqualTo(inA && inB);
                        assertThat(difference.contains(s, sp, d, dp)).isEqualTo(inA && !inB);
                        assertThat(cutOut.contains(s, sp, d, dp)).isEqualTo(inA && !cut.contains(s, sp, d, dp));
                        assertThat(kept.contains(s, sp, d, dp)).isEqualTo(anyWith(a, d, dp));
                    }
                }
            }
        }
    }

    @Property(tries = 300)
    void boxes_stayDisjoint(@ForAll("sets") PacketSet a, @ForAll("sets") PacketSet b) {
        for (PacketSet set : List.of(a.union(b), a.minus(b), a.intersect(b))) {
            List<Box> boxes = set.boxes();
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertThat(boxes.get(i).intersect(boxes.get(j)))
                            .as("%s and %s", boxes.get(i), boxes.get(j))
                            .isNull();
                }
            }
        }
    }

    @Property(tries = 200)
    void projection_isTheSetOfValuesTaken(@ForAll("sets") PacketSet a) {
        IntervalSet dst = a.project(Dim.DST);
        for (int d = 0; d < SIZE; d++) {
            assertThat(dst.contains(d)).isEqualTo(anyWith(a, d, -1));
        }
    }

    /** Whether some packet of the set has this destination (and port, unless -1). */
    private static boolean anyWith(PacketSet set, int dst, int dport) {
        for (int s = 0; s < SIZE; s++) {
            for (int sp = 0; sp < SIZE; sp++) {
                for (int dp = 0; dp < SIZE; dp++) {
                    if ((dport < 0 || dp == dport) && set.contains(s, sp, dst, dp)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
