package dev.stackwright.meta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Independent pieces of work on every core: this thread and the common pool's take the next piece until none is left,
 * so eight VPCs on two cores end together rather than one thread doing seven (or a snapshot's files are parsed two at
 * a time). Results come back in input order.
 */
public final class SideBySide {
    private SideBySide() {}

    /**
     * {@code work} applied to every item, on up to as many threads as the machine has cores.
     *
     * @throws RuntimeException a piece's failure, as it was thrown (an InputException stays one; an Error too)
     */
    public static <T, R> List<R> map(List<T> items, Function<T, R> work) {
        Object[] out = new Object[items.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                out[i] = work.apply(items.get(i));
            }
        };
        int helpers = Math.min(items.size(), Runtime.getRuntime().availableProcessors()) - 1;
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int k = 0; k < helpers; k++) {
            running.add(CompletableFuture.runAsync(worker));
        }
        worker.run();
        for (CompletableFuture<Void> r : running) {
            try {
                r.join();
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
