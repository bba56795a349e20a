package org.equilibrium.people.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (username + client address) in a sliding window and blocks a key
 * once it reaches the limit, until its oldest counted failure leaves the window. A success clears
 * the key. In memory only: a restart forgets the counts, which is acceptable for slowing down
 * online guessing.
 *
 * <p>Pure: the caller passes the time. Thread-safe.
 */
public final class LoginThrottle {
    /** Above this many keys, entries whose failures have all expired are dropped. */
    static final int PRUNE_ABOVE_KEYS = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** How much longer {@code key} is blocked, or empty when it may try now. */
    public Optional<Duration> blockedFor(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            expire(times, now);
            if (times.size() < maxFailures) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
        }
    }

    /** Records a failure; returns the number of failures of {@code key} now in the window. */
    public int recordFailure(String key, Instant now) {
        if (failures.size() > PRUNE_ABOVE_KEYS) {
            prune(now);
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
            // keep no more than needed to decide: memory per key stays bounded under a flood
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
            return times.size();
        }
    }

    /** Forgets the failures of {@code key} (after a successful login). */
    public void reset(String key) {
        failures.remove(key);
    }

    /** Number of keys held in memory. */
    int trackedKeys() {
        return failures.size();
    }

    public int maxFailures() {
        return maxFailures;
    }

    public Duration window() {
        return window;
    }

    private void expire(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }

    private void prune(Instant now) {
        failures.entrySet().removeIf(entry -> {
            Deque<Instant> times = entry.getValue();
            synchronized (times) {
                expire(times, now);
                return times.isEmpty();
            }
        });
    }
}
