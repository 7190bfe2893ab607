package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The engine's numeric-key cache against a plain HashMap, over keys that collide and grow the table. */
class LongKeyedPropertiesTest {
    /** An operation: put when {@code value} is not negative, else get or computeIfAbsent. */
    record Op(long key, int value, boolean compute) {}

    @Provide
    Arbitrary<List<Op>> operations() {
        // Few distinct keys, some of them multiples of a large stride (keys built as a * n + b), so probes collide.
        Arbitrary<Long> keys = Arbitraries.oneOf(
                Arbitraries.longs().between(-5, 200),
                Arbitraries.longs().between(0, 50).map(k -> k * 1_000_003L),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L));
        return net.jqwik.api.Combinators.combine(
                        keys, Arbitraries.integers().between(-1, 1000), Arbitraries.of(true, false))
                .as(Op::new)
                .list()
                .ofMaxSize(400);
    }

    @Property(tries = 300)
    void behavesAsAMap(@ForAll("operations") List<Op> ops) {
        LongKeyed<Integer> cache = new LongKeyed<>();
        Map<Long, Integer> plain = new HashMap<>();
        for (Op op : ops) {
            if (op.value() >= 0) {
                cache.put(op.key(), op.value());
                plain.put(op.key(), op.value());
            } else if (op.compute()) {
                int computed = (int) (op.key() % 997);
                assertThat(cache.computeIfAbsent(op.key(), k -> computed))
                        .isEqualTo(plain.computeIfAbsent(op.key(), k -> computed));
            } else {
                assertThat(cache.get(op.key())).isEqualTo(plain.get(op.key()));
            }
        }
        for (Long key : plain.keySet()) {
            assertThat(cache.get(key)).as("key %d", key).isEqualTo(plain.get(key));
        }
    }
}
