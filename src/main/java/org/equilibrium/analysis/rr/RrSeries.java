package org.equilibrium.analysis.rr;

import java.util.Arrays;

/**
 * A series of RR intervals with the time at which each one ended, and gaps as data.
 *
 * <p>Interval {@code i} lasted {@code rrMs[i]} and ended at {@code beatEndMs[i]} (ms on any monotonic
 * time axis; for a file, the cumulative sum of the intervals from its start). {@code gapBefore[i]} is
 * true when interval {@code i} does not directly follow interval {@code i - 1} (lost notifications,
 * a disconnect): successive differences, Poincaré pairs and DFA windows never span such a gap.
 * {@code gapBefore[0]} is ignored (the first interval has no predecessor).
 *
 * <p>The record owns its arrays: the factories copy nothing, and callers must not mutate them after
 * construction. This keeps the per-window hot path free of copies.
 */
public record RrSeries(double[] beatEndMs, double[] rrMs, boolean[] gapBefore) {

    public RrSeries {
        if (beatEndMs.length != rrMs.length || gapBefore.length != rrMs.length) {
            throw new IllegalArgumentException("beatEndMs, rrMs and gapBefore must have the same length");
        }
        for (int i = 0; i < rrMs.length; i++) {
            if (!Double.isFinite(rrMs[i]) || rrMs[i] <= 0) {
                throw new IllegalArgumentException("RR interval " + i + " is not a positive number: " + rrMs[i]);
            }
            if (!Double.isFinite(beatEndMs[i]) || (i > 0 && beatEndMs[i] <= beatEndMs[i - 1])) {
                throw new IllegalArgumentException("beat end times must be finite and strictly increasing (at " + i + ")");
            }
        }
    }

    /** A gap-free series whose beat ends are the cumulative sum of the intervals (a file's time axis). */
    public static RrSeries fromIntervals(double[] rrMs) {
        double[] ends = new double[rrMs.length];
        double t = 0;
        for (int i = 0; i < rrMs.length; i++) {
            t += rrMs[i];
            ends[i] = t;
        }
        return new RrSeries(ends, rrMs, new boolean[rrMs.length]);
    }

    public int size() {
        return rrMs.length;
    }

    /** True when intervals {@code i - 1} and {@code i} are adjacent (same beat ends one and starts the other). */
    public boolean adjacent(int i) {
        return i > 0 && !gapBefore[i];
    }

    /**
     * The intervals whose end time t satisfies {@code startMs < t <= endMs}, with the fraction of
     * {@code (startMs, endMs]} that those intervals cover.
     */
    public RrWindow window(double startMs, double endMs) {
        if (!(endMs > startMs)) {
            throw new IllegalArgumentException("window end must be after its start");
        }
        int from = upperBound(beatEndMs, startMs);
        int to = upperBound(beatEndMs, endMs);
        return RrWindow.of(slice(from, to), startMs, endMs);
    }

    /** Intervals {@code from} (inclusive) to {@code to} (exclusive); the first one starts a new run. */
    public RrSeries slice(int from, int to) {
        boolean[] gaps = Arrays.copyOfRange(gapBefore, from, to);
        if (gaps.length > 0) {
            gaps[0] = true;
        }
        return new RrSeries(Arrays.copyOfRange(beatEndMs, from, to), Arrays.copyOfRange(rrMs, from, to), gaps);
    }

    /** Index of the first element strictly greater than {@code key}. */
    static int upperBound(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
