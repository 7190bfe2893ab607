package dev.stackwright.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The VPCs of an account checked side by side, and one piece of work beside the caller's: results in input order, a
 * user's mistake still a user's mistake.
 */
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

    @Test
    void started_givesItsResult_computedBesideTheCaller() throws InterruptedException {
        String caller = Thread.currentThread().getName();
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        SideBySide.Started<String> beside = SideBySide.start(() -> {
            runs.incrementAndGet();
            running.countDown();
            return Thread.currentThread().getName();
        });
        if (Runtime.getRuntime().availableProcessors() > 1) {
            // Its own thread starts it without the caller's join (however loaded the machine, within seconds).
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(beside.join()).isEqualTo("stackwright-beside").isNotEqualTo(caller);
        } else {
            assertThat(beside.join()).isEqualTo(caller);
        }
        assertThat(beside.join()).as("joined again: the same result").isNotEmpty();
        assertThat(runs)
                .as("run once, though join also runs a piece not started")
                .hasValue(1);
    }

    @Test
    void started_joinedAtOnce_runsOnceWhicheverThreadTakesIt() {
        // Two pieces queued behind a busy machine cannot be forced; a piece joined at once may run in either thread,
        // but exactly once, and the caller gets its value.
        AtomicInteger runs = new AtomicInteger();
        SideBySide.Started<Integer> beside = SideBySide.start(runs::incrementAndGet);
        assertThat(beside.join()).isEqualTo(1);
        assertThat(runs).hasValue(1);
    }

    @Test
    void started_aUsersMistake_isRethrownAsItWas() {
        InputException mistake = new InputException(
                List.of(Diagnostic.error("x", SourceLocation.ofFile("policy.yml"), "", "bad", null, "fix it")));
        SideBySide.Started<Integer> beside = SideBySide.start(() -> {
            throw mistake;
        });
        assertThatThrownBy(beside::join).isSameAs(mistake);
    }

    @Test
    void started_anError_staysAnError() {
        StackOverflowError deep = new StackOverflowError("deep");
        SideBySide.Started<Integer> beside = SideBySide.start(() -> {
            throw deep;
        });
        assertThatThrownBy(beside::join).isSameAs(deep);
    }

    private static void busy(int millis) {
        long end = System.nanoTime() + millis * 200_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
