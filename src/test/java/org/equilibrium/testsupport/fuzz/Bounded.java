package org.equilibrium.testsupport.fuzz;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one fuzz input on a worker thread with a time bound, so a hang fails the run (naming the input) instead of
 * stalling it. One worker per fuzz target; a hung worker is abandoned (daemon) and replaced.
 */
public final class Bounded implements AutoCloseable {
    private final Duration limit;
    private ExecutorService worker = newWorker();

    public Bounded(Duration limit) {
        this.limit = limit;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @return what {@code body} returned
     * @throws AssertionError on a hang (longer than the limit) or on any throwable {@code body} lets escape,
     *                        with {@code input} describing the input that did it
     */
    public <T> T run(Callable<T> body, Supplier<String> input) {
        Future<T> f = worker.submit(body);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("no answer within " + limit + " (hang) on input " + input.get());
        } catch (ExecutionException e) {
            throw new AssertionError("crash " + e.getCause() + " on input " + input.get(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
