package org.equilibrium.testing;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.equilibrium.storage.Sample;
import org.equilibrium.storage.SampleStore;

/**
 * A real in-memory {@link SampleStore} for tests: keeps what it accepts, in order, and can be told to refuse
 * the next appends (as a full InfluxDB store would) or to hold completions until released.
 * As a bean it takes precedence over the InfluxDB store when {@code equilibrium.test.recording-store=true}.
 */
@Singleton
@Primary
@Requires(property = "equilibrium.test.recording-store", value = "true")
public class RecordingSampleStore implements SampleStore {
    private final List<Sample> samples = new ArrayList<>();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final AtomicInteger appends = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;

    @Override
    public CompletionStage<Void> append(List<Sample> batch) {
        appends.incrementAndGet();
        if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused.incrementAndGet();
            return CompletableFuture.failedFuture(new StoreRefusedException("test store refuses"));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            samples.addAll(batch);
            if (holding) {
                held.add(() -> done.complete(null));
                return done;
            }
        }
        done.complete(null);
        return done;
    }

    public void refuseNext(int n) {
        refuseNext.set(n);
    }

    public int refusedCount() {
        return refused.get();
    }

    /** Accepted samples stay pending (not durable yet) until {@link #release()}. */
    public synchronized void hold() {
        holding = true;
    }

    public void release() {
        List<Runnable> toRun;
        synchronized (this) {
            holding = false;
            toRun = new ArrayList<>(held);
            held.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    public <T extends Sample> List<T> samples(Class<T> kind) {
        return samples().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Waits until the samples satisfy {@code condition}; fails with what was stored. */
    public List<Sample> await(Predicate<List<Sample>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Sample> now = samples();
            if (condition.test(now)) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("store did not reach the expected state within " + timeout + "; it holds "
                + samples().size() + " samples: " + abbreviate(samples()));
    }

    private static String abbreviate(List<Sample> s) {
        String t = s.toString();
        return t.length() < 3000 ? t : t.substring(0, 3000) + "...";
    }
}
