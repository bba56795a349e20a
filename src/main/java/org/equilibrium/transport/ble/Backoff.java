package org.equilibrium.transport.ble;

/**
 * Exponential backoff with a cap: {@code initialMs}, twice that, ... up to {@code maxMs}. Not thread-safe.
 * No jitter: one gateway reconnects a handful of straps, so there is no herd to spread.
 */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    public Backoff(long initialMs, long maxMs) {
        if (initialMs <= 0 || maxMs < initialMs) {
            throw new IllegalArgumentException("need 0 < initialMs <= maxMs, got " + initialMs + ", " + maxMs);
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.nextMs = initialMs;
    }

    /** The delay before the next attempt; each call doubles the following one. */
    public long next() {
        long d = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return d;
    }

    /** After a success: the next failure waits {@code initialMs} again. */
    public void reset() {
        nextMs = initialMs;
    }
}
