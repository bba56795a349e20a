package org.equilibrium.device.pairing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts wrong claim codes per device in a sliding window. Claim codes are short (8 characters from 30
 * symbols), so guessing must be slowed: after {@code maxFailures} wrong codes for one device within
 * {@code windowMs}, further claims of that device are refused until the oldest failure leaves the window,
 * whoever tries (counting per device, not per caller, stops many accounts from sharing the guessing).
 * Pure (time comes in as an argument) and thread-safe.
 */
public final class ClaimThrottle {
    private final int maxFailures;
    private final long windowMs;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public ClaimThrottle(int maxFailures, long windowMs) {
        if (maxFailures < 1 || windowMs < 1) {
            throw new IllegalArgumentException("max failures and window must be positive");
        }
        this.maxFailures = maxFailures;
        this.windowMs = windowMs;
    }

    /** Milliseconds until the device may be claimed again, 0 when it may be now. */
    public long retryAfterMs(String deviceId, long nowMs) {
        Deque<Long> d = failures.get(deviceId);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            prune(d, nowMs);
            return d.size() < maxFailures ? 0 : d.peekFirst() + windowMs - nowMs;
        }
    }

    public void failed(String deviceId, long nowMs) {
        Deque<Long> d = failures.computeIfAbsent(deviceId, k -> new ArrayDeque<>());
        synchronized (d) {
            prune(d, nowMs);
            d.addLast(nowMs);
        }
    }

    /** A successful claim forgets the failures. */
    public void succeeded(String deviceId) {
        failures.remove(deviceId);
    }

    private void prune(Deque<Long> d, long nowMs) {
        while (!d.isEmpty() && d.peekFirst() <= nowMs - windowMs) {
            d.removeFirst();
        }
    }
}
