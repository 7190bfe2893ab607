package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Elements kept once by identity, in first-added order: against a plain scan, past the size where a set takes over. */
class DistinctByIdentityPropertiesTest {
    /**
     * A pool of 30 lists, equal in pairs but distinct objects: a collection keeping them by equality would drop half.
     */
    private static final List<List<Integer>> POOL = pool();

    private static List<List<Integer>> pool() {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.add(new ArrayList<>(List.of(i / 2)));
        }
        return out;
    }

    @Provide
    Arbitrary<List<Integer>> picks() {
        // Runs of the same element (as rows meet them) and jumps back to earlier ones, beyond the scanned few.
        return Arbitraries.integers().between(0, POOL.size() - 1).list().ofMaxSize(200);
    }

    @Property
    void keepsEachObjectOnce_inTheOrderFirstAdded_andSaysWhetherItAdded(@ForAll("picks") List<Integer> picks) {
        DistinctByIdentity<List<Integer>> distinct = new DistinctByIdentity<>();
        List<List<Integer>> expected = new ArrayList<>();
        for (int i : picks) {
            List<Integer> element = POOL.get(i);
            boolean isNew = expected.stream().noneMatch(e -> e == element);
            if (isNew) {
                expected.add(element);
            }
            assertThat(distinct.add(element)).isEqualTo(isNew);
        }
        assertThat(distinct.elements()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(distinct.elements().get(i)).isSameAs(expected.get(i));
        }
    }

    @Test
    void equalButDistinctObjects_areBothKept() {
        DistinctByIdentity<List<Integer>> distinct = new DistinctByIdentity<>();
        distinct.add(POOL.get(0));
        distinct.add(POOL.get(1)); // equal to the first, another object
        distinct.add(POOL.get(0));
        assertThat(distinct.elements()).hasSize(2);
    }
}
