package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Interval-set algebra against plain sets of numbers, over a universe small enough to list (0-39), and the canonical
 * form every result must keep (sorted, disjoint, not adjacent) so that equal sets compare equal.
 */
class IntervalSetPropertiesTest {
    static final int SIZE = 40;

    @Provide
    Arbitrary<IntervalSet> sets() {
        Arbitrary<Interval> interval = Combinators.combine(
                        Arbitraries.integers().between(0, SIZE - 1),
                        Arbitraries.integers().between(0, SIZE - 1))
                .as((a, b) -> new Interval(Math.min(a, b), Math.max(a, b)));
        return interval.list().ofMaxSize(5).map(IntervalSet::of);
    }

    @Property(tries = 1000)
    void operations_matchPlainSets(@ForAll("sets") IntervalSet a, @ForAll("sets") IntervalSet b) {
        Set<Long> inA = members(a);
        Set<Long> inB = members(b);
        Set<Long> union = new TreeSet<>(inA);
        union.addAll(inB);
        Set<Long> both = new TreeSet<>(inA);
        both.retainAll(inB);
        Set<Long> difference = new TreeSet<>(inA);
        difference.removeAll(inB);

        assertThat(members(a.union(b))).isEqualTo(union);
        assertThat(members(a.intersect(b))).isEqualTo(both);
        assertThat(members(a.minus(b))).isEqualTo(difference);
        assertThat(a.containsAll(b)).isEqualTo(inA.containsAll(inB));
        for (IntervalSet result : List.of(a.union(b), a.intersect(b), a.minus(b), b.intersect(a))) {
            assertCanonical(result);
        }
        // Equal sets are equal objects, whatever the order of the operands.
        assertThat(a.intersect(b)).isEqualTo(b.intersect(a));
        assertThat(a.union(b)).isEqualTo(b.union(a));
    }

    @Property(tries = 300)
    void intersectingWithOneInterval_matchesPlainSets(@ForAll("sets") IntervalSet a, @ForAll("sets") IntervalSet b) {
        for (Interval i : b.intervals()) {
            Set<Long> expected = new TreeSet<>(members(a));
            expected.removeIf(v -> !i.contains(v));
            assertThat(members(a.intersect(i))).isEqualTo(expected);
            assertCanonical(a.intersect(i));
            assertThat(a.intersect(i)).isEqualTo(a.intersect(IntervalSet.of(i)));
        }
    }

    private static Set<Long> members(IntervalSet s) {
        Set<Long> out = new TreeSet<>();
        for (long v = 0; v < SIZE; v++) {
            if (s.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static void assertCanonical(IntervalSet s) {
        List<Interval> intervals = new ArrayList<>(s.intervals());
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i).lo())
                    .as("sorted, disjoint and not adjacent: %s", s)
                    .isGreaterThan(intervals.get(i - 1).hi() + 1);
        }
    }
}
