package org.equilibrium.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.equilibrium.decode.RejectReason;

/** Per-device ingest counters. Written by the device's ingest worker, read by anyone. */
public final class DeviceStats {
    static final int MESSAGES = 0;
    static final int BEATS = 1;
    static final int GAPS = 2;
    static final int LOST = 3;
    static final int DUPLICATES = 4;
    static final int LATE = 5;
    static final int EPOCHS = 6;
    private static final int REJECTS = 7;
    private static final RejectReason[] REASONS = RejectReason.values();

    private final AtomicLongArray counts = new AtomicLongArray(REJECTS + REASONS.length);
    private volatile long lastMessageMs;

    void add(int counter, long delta) {
        counts.addAndGet(counter, delta);
    }

    void reject(RejectReason reason) {
        counts.incrementAndGet(REJECTS + reason.ordinal());
    }

    void touched(long arrivalMs) {
        lastMessageMs = arrivalMs;
    }

    /** A consistent-enough copy for reporting. */
    public Snapshot snapshot() {
        Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
        for (RejectReason r : REASONS) {
            long n = counts.get(REJECTS + r.ordinal());
            if (n > 0) {
                rejects.put(r, n);
            }
        }
        return new Snapshot(counts.get(MESSAGES), counts.get(BEATS), counts.get(GAPS), counts.get(LOST),
                counts.get(DUPLICATES), counts.get(LATE), counts.get(EPOCHS), rejects, lastMessageMs);
    }

    /**
     * @param lost       messages missing from seq gaps (late arrivals already subtracted)
     * @param late       messages that arrived after a later seq (reordered)
     * @param epochs     device restarts detected from seq
     */
    public record Snapshot(long messages, long beats, long gaps, long lost, long duplicates, long late, long epochs,
                           Map<RejectReason, Long> rejects, long lastMessageMs) {
    }
}
