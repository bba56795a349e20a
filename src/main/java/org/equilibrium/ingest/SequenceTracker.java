package org.equilibrium.ingest;

/**
 * Per device-and-stream {@code seq} bookkeeping: duplicate drop, loss count, reordering and device restarts.
 * Not thread-safe: one ingest worker owns each stream.
 *
 * <p>Rules, for a message {@code (seq, ts)} after the last in-order message {@code (lastSeq, lastTs)}:
 * <ul>
 *   <li>forward by {@code d} (modulo {@code modulus} for counters that wrap, e.g. the 16-bit seq of the
 *       simulator TENS telemetry): {@code d − 1} messages lost; a forward jump above {@code maxSeqGap} is a
 *       new epoch (a device restart or re-provisioning), not billions lost;</li>
 *   <li>the same or an earlier seq, for device-time streams, while {@code ts} moved forward: the device
 *       restarted and counts again (new epoch);</li>
 *   <li>an earlier seq already seen within the last {@value #WINDOW} seqs: duplicate (e.g. a QoS 1
 *       redelivery);</li>
 *   <li>an earlier seq not seen yet within that window: a late (reordered) message; it un-counts one loss;</li>
 *   <li>further back than the window, or (arrival-time streams, which cannot use {@code ts}) a seq of at most
 *       {@code restartMaxSeq} well behind the last: new epoch.</li>
 * </ul>
 */
public final class SequenceTracker {

    /** How many past seqs are remembered for duplicate and reorder decisions. */
    public static final int WINDOW = 1024;

    public enum Verdict {
        FIRST, IN_ORDER, DUPLICATE, LATE, NEW_EPOCH
    }

    private final long modulus;
    private final long maxSeqGap;
    private final boolean deviceTime;
    private final long restartMaxSeq;
    private final long[] seen = new long[WINDOW / 64];
    private boolean started;
    private long lastSeq;
    private long lastTsMs;
    private long lastLost;

    /**
     * @param modulus       counter modulus (65536 for a u16 seq), or 0 for an unbounded counter
     * @param maxSeqGap     largest forward jump still counted as loss
     * @param deviceTime    true when {@code ts} is device time (JSON), false for arrival time (binary)
     * @param restartMaxSeq arrival-time streams: a seq this small, behind the last, starts a new epoch
     */
    public SequenceTracker(long modulus, long maxSeqGap, boolean deviceTime, long restartMaxSeq) {
        this.modulus = modulus;
        this.maxSeqGap = modulus > 0 ? Math.min(maxSeqGap, modulus / 4) : maxSeqGap;
        this.deviceTime = deviceTime;
        this.restartMaxSeq = restartMaxSeq;
    }

    /** Messages found lost by the last {@link #accept} (negative −1 for a late message). */
    public long lastLost() {
        return lastLost;
    }

    public Verdict accept(long seq, long tsMs) {
        lastLost = 0;
        if (!started) {
            started = true;
            restart(seq, tsMs);
            return Verdict.FIRST;
        }
        long forward = forwardDistance(seq);
        if (forward > 0) {
            if (forward - 1 > maxSeqGap) {
                restart(seq, tsMs);
                return Verdict.NEW_EPOCH;
            }
            advance(forward, seq);
            lastTsMs = tsMs;
            lastLost = forward - 1;
            return Verdict.IN_ORDER;
        }
        long back = -forward;
        if (deviceTime && tsMs > lastTsMs) {
            restart(seq, tsMs);
            return Verdict.NEW_EPOCH;
        }
        if (!deviceTime && seq <= restartMaxSeq && back > restartMaxSeq) {
            restart(seq, tsMs);
            return Verdict.NEW_EPOCH;
        }
        if (back >= WINDOW) {
            restart(seq, tsMs);
            return Verdict.NEW_EPOCH;
        }
        if (isSeen(seq)) {
            return Verdict.DUPLICATE;
        }
        markSeen(seq);
        lastLost = -1;
        return Verdict.LATE;
    }

    /** Signed distance from lastSeq to seq: positive forward, zero or negative backward. */
    private long forwardDistance(long seq) {
        if (modulus <= 0) {
            return seq - lastSeq;
        }
        long d = Math.floorMod(seq - lastSeq, modulus);
        return d <= modulus / 2 ? d : d - modulus;
    }

    private void restart(long seq, long tsMs) {
        java.util.Arrays.fill(seen, 0L);
        lastSeq = seq;
        lastTsMs = tsMs;
        markSeen(seq);
    }

    private void advance(long forward, long seq) {
        if (forward >= WINDOW) {
            java.util.Arrays.fill(seen, 0L);
        } else {
            for (long s = lastSeq + 1; s < lastSeq + forward; s++) {
                clear(s);
            }
        }
        lastSeq = seq;
        clear(seq);
        markSeen(seq);
    }

    private static int slot(long seq) {
        return (int) Math.floorMod(seq, (long) WINDOW);
    }

    private boolean isSeen(long seq) {
        int i = slot(seq);
        return (seen[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void markSeen(long seq) {
        int i = slot(seq);
        seen[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long seq) {
        int i = slot(seq);
        seen[i >>> 6] &= ~(1L << (i & 63));
    }
}
