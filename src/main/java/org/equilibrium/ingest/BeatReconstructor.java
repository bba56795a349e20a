package org.equilibrium.ingest;

import org.equilibrium.decode.HeartRateReading;

/**
 * Beat times from RR intervals for one device stream. Not thread-safe: one ingest worker owns it.
 *
 * <p>The last RR of a message ends at the message time {@code ts} (shared/contracts/mqtt-wire.md, {@code hr});
 * earlier beats end at {@code ts} minus the later intervals. Continuity: the first interval of a message
 * starts at {@code ts − ΣRR}; when that is further than {@code toleranceMs} after the previous message's last
 * beat, beats went missing in between (lost notifications/messages) and a gap is reported. When it is
 * further than the tolerance before it, the two messages overlap in time (clock jump, replay): also a gap,
 * and beats that do not come after the previous last beat are not passed on as live beats.
 */
public final class BeatReconstructor {

    /** Receives the reconstructed beats of one message. */
    public interface Sink {
        void beat(long beatEndMs, double rrMs, boolean live);

        void gap(long fromMs, long toMs, String cause);
    }

    private final long toleranceMs;
    private boolean hasLast;
    private long lastBeatMs;

    public BeatReconstructor(long toleranceMs) {
        this.toleranceMs = toleranceMs;
    }

    /** End time of the last beat passed on, or {@code Long.MIN_VALUE} before the first. */
    public long lastBeatMs() {
        return hasLast ? lastBeatMs : Long.MIN_VALUE;
    }

    /**
     * @param gapCause the cause to report if continuity is broken ({@code lost-messages} when seq showed loss,
     *                 {@code device-restart} on a new epoch, else {@code rr-discontinuity})
     */
    public void accept(HeartRateReading r, String gapCause, Sink sink) {
        int count = r.rrCount();
        if (count == 0) {
            return;
        }
        long tsMs = r.timestampMs();
        double total = total(r);
        long startMs = Math.round(tsMs - total);
        long floorMs = Long.MIN_VALUE;
        if (hasLast) {
            if (startMs - lastBeatMs > toleranceMs) {
                sink.gap(lastBeatMs, startMs, gapCause);
            } else if (lastBeatMs - startMs > toleranceMs) {
                sink.gap(startMs, lastBeatMs, "clock-overlap");
                floorMs = lastBeatMs;
            }
        }
        emit(r, total, floorMs, sink);
        long end = tsMs;
        if (!hasLast || end > lastBeatMs) {
            lastBeatMs = end;
            hasLast = true;
        }
    }

    /**
     * Beats of a message that arrived out of order: passed on with {@code live = false} (to be stored, not
     * fed to live analysis, which already saw a gap there); the continuity state is untouched.
     */
    public static void acceptLate(HeartRateReading r, Sink sink) {
        emit(r, total(r), Long.MAX_VALUE, sink);
    }

    private static double total(HeartRateReading r) {
        double total = 0;
        for (int i = 0, n = r.rrCount(); i < n; i++) {
            total += r.rrMs(i);
        }
        return total;
    }

    /** Beat i ends at ts minus the intervals after it; live only when it ends after {@code floorMs}. */
    private static void emit(HeartRateReading r, double total, long floorMs, Sink sink) {
        long tsMs = r.timestampMs();
        double elapsed = 0;
        for (int i = 0, n = r.rrCount(); i < n; i++) {
            double rr = r.rrMs(i);
            elapsed += rr;
            long endMs = Math.round(tsMs - (total - elapsed));
            sink.beat(endMs, rr, endMs > floorMs);
        }
    }
}
