package dev.stackwright.cores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Work side by side (the VPCs of an account, a VPC's connections): results in input order, a user's mistake still a
 * user's mistake, each thread's own state, and no waiting on a pool too busy to start a helper.
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
    void eachThread_makesItsStateOnce_andKeepsItToItself() {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        Map<Object, String> ownerOfState = new ConcurrentHashMap<>();
        AtomicInteger made = new AtomicInteger();
        List<Integer> out = SideBySide.map(
                items,
                () -> {
                    made.incrementAndGet();
                    return new Object();
                },
                (state, i) -> {
                    String me = Thread.currentThread().getName();
                    assertThat(ownerOfState.computeIfAbsent(state, s -> me)).isEqualTo(me);
                    busy(1);
                    return i + 1;
                });
        assertThat(out).isEqualTo(items.stream().map(i -> i + 1).toList());
        assertThat(made.get())
                .isEqualTo(ownerOfState.size())
                .isBetween(1, Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aPoolTooBusyToHelp_isNotWaitedFor() throws Exception {
        // Every thread of the common pool held (as when the VPCs of an account take them all): a helper cannot start,
        // and this thread must do every piece itself and return, not wait for the pool. A watchdog frees the pool
        // after a few seconds, so a call that waits returns late (and fails below) instead of never.
        int poolThreads = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch held = new CountDownLatch(poolThreads);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> holders = new ArrayList<>();
        for (int k = 0; k < poolThreads; k++) {
            holders.add(CompletableFuture.runAsync(() -> {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            String me = Thread.currentThread().getName();
            List<String> ranOn = SideBySide.map(
                    IntStream.range(0, 16).boxed().toList(),
                    i -> Thread.currentThread().getName());
            assertThat(release.getCount())
                    .as("returned while the pool was still held")
                    .isEqualTo(1);
            assertThat(ranOn).containsOnly(me);
        } finally {
            release.countDown();
            watchdog.interrupt();
            holders.forEach(CompletableFuture::join);
        }
    }

    private static void busy(int millis) {
        long end = System.nanoTime() + millis * 200_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
