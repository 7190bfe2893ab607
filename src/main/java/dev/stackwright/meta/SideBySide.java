package dev.stackwright.meta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Independent pieces of work on every core. {@link #map}: this thread and the common pool's take the next piece until
 * none is left, so eight VPCs on two cores end together rather than one thread doing seven; results in input order.
 * {@link #start}: one piece beside the caller's own work. Either way a piece's failure reaches the caller as it was
 * thrown: a user's mistake stays one, an Error stays an Error.
 */
public final class SideBySide {
    private SideBySide() {}

    /** {@code work} applied to every item, on up to as many threads as the machine has cores. */
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
                throw asThrown(e.getCause(), e);
            }
        }
        @SuppressWarnings("unchecked") // every slot holds work's result
        List<R> results = (List<R>) Arrays.asList(out);
        return List.copyOf(results);
    }

    /**
     * Starts {@code work} on a thread of its own, while the caller goes on with other work. On a machine with one
     * core there is nothing to gain: it then runs when {@link Started#join} is called.
     */
    public static <R> Started<R> start(Supplier<R> work) {
        FutureTask<R> task = new FutureTask<>(work::get);
        if (Runtime.getRuntime().availableProcessors() > 1) {
            // A daemon: should the caller fail before it joins, the piece does not keep the process alive.
            Thread.ofPlatform().daemon().name("stackwright-beside").start(task);
        }
        return new Started<>(task);
    }

    /** A piece of work started beside the caller's. */
    public static final class Started<R> {
        private final FutureTask<R> task;

        private Started(FutureTask<R> task) {
            this.task = task;
        }

        /** Its result, waiting for it; run here if it has not started (a task runs once: a second run is a no-op). */
        public R join() {
            task.run();
            try {
                return task.get();
            } catch (ExecutionException e) {
                throw asThrown(e.getCause(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for work beside this one", e);
            }
        }
    }

    /** What a piece threw, to be thrown again as it was: an unchecked exception or an Error as itself. */
    private static RuntimeException asThrown(@Nullable Throwable cause, Exception wrapper) {
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof RuntimeException re ? re : new IllegalStateException(wrapper);
    }
}
