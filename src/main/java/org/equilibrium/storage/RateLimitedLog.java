package org.equilibrium.storage;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs a recurring problem at most once per interval per key, saying how many repeats were suppressed, so an
 * outage is visible in the log without flooding it. Thread-safe.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalMs;
    private final LongSupplier clockMs;
    private final ConcurrentHashMap<String, long[]> lastByKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> suppressed = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log, long intervalMs, LongSupplier clockMs) {
        this.log = log;
        this.intervalMs = intervalMs;
        this.clockMs = clockMs;
    }

    public void warn(String key, String message, Throwable cause) {
        emit(key, message, cause, false);
    }

    public void error(String key, String message, Throwable cause) {
        emit(key, message, cause, true);
    }

    private void emit(String key, String message, Throwable cause, boolean error) {
        long now = clockMs.getAsLong();
        long[] last = lastByKey.computeIfAbsent(key, k -> new long[] {Long.MIN_VALUE});
        AtomicLong skipped = suppressed.computeIfAbsent(key, k -> new AtomicLong());
        boolean due;
        synchronized (last) {
            due = last[0] == Long.MIN_VALUE || now - last[0] >= intervalMs;
            if (due) {
                last[0] = now;
            }
        }
        if (!due) {
            skipped.incrementAndGet();
            return;
        }
        long n = skipped.getAndSet(0);
        String text = n == 0 ? message : message + " (" + n + " similar messages suppressed)";
        String reason = cause == null ? "" : ": " + cause;
        if (error) {
            log.error("{}{}", text, reason);
        } else {
            log.warn("{}{}", text, reason);
        }
    }
}
