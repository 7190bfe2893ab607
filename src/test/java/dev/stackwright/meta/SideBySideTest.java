package dev.stackwright.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The VPCs of an account checked side by side: results in input order, a user's mistake still a user's mistake. */
class SideBySideTest {
    @Test
    void results_comeBackInInputOrder_whateverFinishesFirst() {
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> out = SideBySide.map(items, i -> {
            threads.add(Thread.currentThread().getName());
            busy(40 - i); // early items take longest
            return i * i;
        });
        assertThat(out).isEqualTo(items.stream().map(i -> i * i).toList());
        assertThat(threads.size()).isBetween(1, Runtime.getRuntime().availableProcessors());
    }

    @Test
    void noItems_noWork() {
        assertThat(SideBySide.map(List.<Integer>of(), i -> i)).isEmpty();
    }

    @Test
    void aFailureOnAnyThread_isRethrownAsItWas() {
        InputException mistake = new InputException(
                List.of(Diagnostic.error("x", SourceLocation.ofFile("policy.yml"), "", "bad", null, "fix it")));
        List<Integer> items = IntStream.range(0, 8).boxed().toList();
        assertThatThrownBy(() -> SideBySide.map(items, i -> {
                    if (i == 5) {
                        throw mistake;
                    }
                    return i;
                }))
                .isSameAs(mistake);
    }

    @Test
    void anErrorOnAnyThread_staysAnError() {
        StackOverflowError deep = new StackOverflowError("deep");
        List<Integer> items = IntStream.range(0, 8).boxed().toList();
        assertThatThrownBy(() -> SideBySide.map(items, i -> {
                    if (i == 6) {
                        throw deep;
                    }
                    return i;
                }))
                .isSameAs(deep);
    }

    private static void busy(int millis) {
        long end = System.nanoTime() + millis * 200_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
