package dev.stackwright.cores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Independent pieces of work on every core: this thread and the common pool's take the next piece until none is left,
 * so eight VPCs on two cores end together rather than one thread doing seven. Results come back in input order.
 *
 * <p>Work may nest (the VPCs of an account side by side, and each VPC's connections side by side): a helper that has
 * not started by the time this thread has taken every piece is called off instead of waited for, so a busy pool
 * never leaves this thread idle.
 */
public final class SideBySide {
    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int CALLED_OFF = 2;

    private SideBySide() {}

    /**
     * {@code work} applied to every item, on up to as many threads as the machine has cores.
     *
     * @throws RuntimeException a piece's failure, as it was thrown (an InputException stays one; an Error too)
     */
    public static <T, R> List<R> map(List<T> items, Function<T, R> work) {
        return map(items, () -> work, Function::apply);
    }

    /**
     * As {@link #map(List, Function)}, with state of each thread's own (a cache that is not safe to share): made by
     * {@code perThread} once on each thread that takes a piece, and handed to {@code work} with each of its pieces.
     */
    public static <S, T, R> List<R> map(List<T> items, Supplier<S> perThread, BiFunction<S, T, R> work) {
        Object[] out = new Object[items.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            S state = null;
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                if (state == null) {
                    state = perThread.get();
                }
                out[i] = work.apply(state, items.get(i));
            }
        };
        int helpers = Math.min(items.size(), Runtime.getRuntime().availableProcessors()) - 1;
        List<AtomicInteger> states = new ArrayList<>();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int k = 0; k < helpers; k++) {
            AtomicInteger state = new AtomicInteger(WAITING);
            states.add(state);
            running.add(CompletableFuture.runAsync(() -> {
                if (state.compareAndSet(WAITING, RUNNING)) {
                    worker.run();
                }
            }));
        }
        worker.run();
        for (int k = 0; k < helpers; k++) {
            if (states.get(k).compareAndSet(WAITING, CALLED_OFF)) {
                continue; // never started: every piece is taken, and it will do nothing when it does start
            }
            try {
                running.get(k).join();
            } catch (CompletionException e) {
                // As if it had happened on this thread: a user's mistake stays one, an Error stays an Error.
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        @SuppressWarnings("unchecked") // every slot holds work's result
        List<R> results = (List<R>) Arrays.asList(out);
        return List.copyOf(results);
    }
}
