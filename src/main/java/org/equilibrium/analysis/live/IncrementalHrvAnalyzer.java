package org.equilibrium.analysis.live;

import java.util.HashMap;
import java.util.Map;
import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvPanel;
import org.equilibrium.analysis.rr.RrSeries;
import org.equilibrium.analysis.rr.RrWindow;
import org.equilibrium.analysis.time.TimeDomain;

/**
 * Live HRV for one stream: beats arrive one at a time, and the panel for the last 60 s, 120 s, 300 s (any
 * window up to the retention) is available at any moment.
 *
 * <p>Two paths:
 * <ul>
 *   <li>{@link #accept(double, double)} is O(1) amortised: it appends the beat to a ring buffer and extends
 *       exclusive prefix sums (Σrr, Σrr², and over adjacent pairs Σd, Σd², #|d|&gt;50, #|d|&gt;20, Σs, Σs², with
 *       d = RRₙ₊₁ − RRₙ and s = RRₙ + RRₙ₊₁; values shifted by the first interval seen to keep the sums
 *       small). {@link #running(double, double)} turns two prefix values into the raw (uncorrected)
 *       time-domain metrics and SD1/SD2 of any window in O(log n) — cheap enough to refresh every beat.</li>
 *   <li>{@link #panel(double, double)} gives the full corrected {@link HrvPanel} (artefact correction,
 *       spectrum, DFA, indices, quality). It is recomputed at most once per cadence (default 5 s of
 *       {@code nowMs}) per window length and otherwise returned from a cache, so a session can ask for it
 *       as often as it likes.</li>
 * </ul>
 *
 * <p>Contract: beats must arrive in increasing {@code beatEndMs}; a beat that does not (duplicate or out of
 * order) is rejected with {@link IllegalArgumentException} and the state is unchanged. A beat whose start
 * ({@code beatEndMs − rrMs}) lies more than {@code gapToleranceMs} after the previous beat's end starts a
 * new run, as does the first beat after {@link #markGap()}: successive differences never span a gap, and
 * the uncovered time lowers the window's coverage. Beats older than the retention are dropped. Not
 * thread-safe: one instance per stream, used from one thread at a time.
 */
public final class IncrementalHrvAnalyzer {
    public static final double DEFAULT_RETENTION_S = 300;
    public static final double DEFAULT_CADENCE_S = 5;
    public static final double DEFAULT_GAP_TOLERANCE_MS = 500;

    private final HrvAnalyzer analyzer;
    private final double retentionMs;
    private final double cadenceMs;
    private final double gapToleranceMs;

    private double[] endMs = new double[512];
    private double[] rrMs = new double[512];
    private boolean[] gapBefore = new boolean[512];
    // Exclusive prefix sums: slot of beat i holds the sums over beats before i.
    private double[] qSum = new double[512];
    private double[] qSum2 = new double[512];
    private double[] qD = new double[512];
    private double[] qD2 = new double[512];
    private double[] qS = new double[512];
    private double[] qS2 = new double[512];
    private int[] qPairs = new int[512];
    private int[] q50 = new int[512];
    private int[] q20 = new int[512];
    private int mask = 511;
    private long first;
    private long count;
    // Running totals (the prefix value at index count).
    private double tSum;
    private double tSum2;
    private double tD;
    private double tD2;
    private double tS;
    private double tS2;
    private int tPairs;
    private int t50;
    private int t20;
    private double shift = Double.NaN;
    private boolean gapPending;

    private final Map<Double, Cached> cache = new HashMap<>();

    private record Cached(double nowMs, HrvPanel panel) {
    }

    /** Raw time-domain metrics and Poincaré descriptors of a window, from the running sums. */
    public record Running(TimeDomain time, Double sd1Ms, Double sd2Ms, double coverage) {
    }

    public IncrementalHrvAnalyzer(HrvAnalyzer analyzer) {
        this(analyzer, DEFAULT_RETENTION_S, DEFAULT_CADENCE_S, DEFAULT_GAP_TOLERANCE_MS);
    }

    /**
     * @param retentionSeconds longest window that will be asked for
     * @param cadenceSeconds   minimum {@code nowMs} advance before {@link #panel} recomputes a window (0 = always)
     * @param gapToleranceMs   how far a beat may start after the previous one ended before it counts as a gap
     */
    public IncrementalHrvAnalyzer(HrvAnalyzer analyzer, double retentionSeconds, double cadenceSeconds,
                                  double gapToleranceMs) {
        if (!(retentionSeconds > 0) || !(cadenceSeconds >= 0) || !(gapToleranceMs >= 0)) {
            throw new IllegalArgumentException("retention must be positive, cadence and gap tolerance non-negative");
        }
        this.analyzer = analyzer;
        this.retentionMs = retentionSeconds * 1000;
        this.cadenceMs = cadenceSeconds * 1000;
        this.gapToleranceMs = gapToleranceMs;
    }

    /**
     * Adds one beat: the RR interval {@code rrMs} that ended at {@code beatEndMs}.
     *
     * @throws IllegalArgumentException if rrMs is not a positive finite number or beatEndMs does not
     *                                  increase; nothing is changed then
     */
    public void accept(double beatEndMs, double rrMs) {
        if (!Double.isFinite(rrMs) || rrMs <= 0) {
            throw new IllegalArgumentException("RR interval must be a positive number of ms, got " + rrMs);
        }
        if (!Double.isFinite(beatEndMs) || (count > first && beatEndMs <= endMs[slot(count - 1)])) {
            throw new IllegalArgumentException("beat end " + beatEndMs + " ms does not follow the previous beat");
        }
        if (count - first == endMs.length) {
            grow();
        }
        if (Double.isNaN(shift)) {
            shift = rrMs;
        }
        boolean gap = count == first || gapPending
                || beatEndMs - rrMs - endMs[slot(count - 1)] > gapToleranceMs;
        gapPending = false;
        int s = slot(count);
        endMs[s] = beatEndMs;
        this.rrMs[s] = rrMs;
        gapBefore[s] = gap;
        qSum[s] = tSum;
        qSum2[s] = tSum2;
        qD[s] = tD;
        qD2[s] = tD2;
        qS[s] = tS;
        qS2[s] = tS2;
        qPairs[s] = tPairs;
        q50[s] = t50;
        q20[s] = t20;
        double x = rrMs - shift;
        tSum += x;
        tSum2 += x * x;
        if (!gap) {
            double prev = this.rrMs[slot(count - 1)];
            double d = rrMs - prev;
            double sum = rrMs + prev - 2 * shift;
            tD += d;
            tD2 += d * d;
            tS += sum;
            tS2 += sum * sum;
            tPairs++;
            double ad = Math.abs(d);
            if (ad > 50) {
                t50++;
            }
            if (ad > 20) {
                t20++;
            }
        }
        count++;
        while (first < count - 1 && endMs[slot(first)] <= beatEndMs - retentionMs) {
            first++;
        }
    }

    /** The next beat starts a new run (lost notifications, disconnect), whatever its timing. */
    public void markGap() {
        gapPending = true;
    }

    /** Number of beats currently retained. */
    public int retainedBeats() {
        return (int) (count - first);
    }

    /**
     * Raw (uncorrected) time-domain metrics, SD1 and SD2 of the window {@code (nowMs − windowSeconds, nowMs]}
     * from the running sums; {@code time} is null when the window holds no beat.
     */
    public Running running(double windowSeconds, double nowMs) {
        double startMs = nowMs - windowSeconds * 1000;
        long a = upperBound(startMs);
        long b = upperBound(nowMs);
        int n = (int) (b - a);
        if (n <= 0) {
            return new Running(null, null, null, 0);
        }
        double sum = prefix(qSum, tSum, b) - prefix(qSum, tSum, a);
        double sum2 = prefix(qSum2, tSum2, b) - prefix(qSum2, tSum2, a);
        // Pairs whose second beat lies in (a, b): the pair (a − 1, a) straddles the window start.
        long pa = a + 1;
        int pairs = 0;
        double d = 0;
        double d2 = 0;
        double s = 0;
        double s2 = 0;
        int n50 = 0;
        int n20 = 0;
        if (pa <= b) {
            pairs = prefixInt(qPairs, tPairs, b) - prefixInt(qPairs, tPairs, pa);
            d = prefix(qD, tD, b) - prefix(qD, tD, pa);
            d2 = prefix(qD2, tD2, b) - prefix(qD2, tD2, pa);
            s = prefix(qS, tS, b) - prefix(qS, tS, pa);
            s2 = prefix(qS2, tS2, b) - prefix(qS2, tS2, pa);
            n50 = prefixInt(q50, t50, b) - prefixInt(q50, t50, pa);
            n20 = prefixInt(q20, t20, b) - prefixInt(q20, t20, pa);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (long i = a; i < b; i++) {
            double v = rrMs[slot(i)];
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = shift + sum / n;
        Double sdnn = n >= 2 ? Math.sqrt(Math.max(0, (sum2 - sum * sum / n) / (n - 1))) : null;
        Double rmssd = pairs >= 1 ? Math.sqrt(d2 / pairs) : null;
        Double sdsd = pairs >= 2 ? Math.sqrt(Math.max(0, (d2 - d * d / pairs) / (pairs - 1))) : null;
        Double pnn50 = pairs >= 1 ? 100.0 * n50 / n : null;
        Double pnn20 = pairs >= 1 ? 100.0 * n20 / n : null;
        TimeDomain time = new TimeDomain(n, pairs, mean, sdnn, rmssd, sdsd, pnn50, pnn20, 60000 / mean, min, max);
        Double sd1 = sdsd == null ? null : sdsd / Math.sqrt(2);
        Double sd2 = pairs >= 2 ? Math.sqrt(Math.max(0, (s2 - s * s / pairs) / (pairs - 1) / 2)) : null;
        // Coverage: the window's intervals minus the part of the first one that began before the window.
        double covered = sum + n * shift;
        double firstBegin = endMs[slot(a)] - rrMs[slot(a)];
        if (firstBegin < startMs) {
            covered -= startMs - firstBegin;
        }
        return new Running(time, sd1, sd2, Math.max(0, Math.min(1, covered / (nowMs - startMs))));
    }

    /**
     * The full corrected panel of {@code (nowMs − windowSeconds, nowMs]}. Recomputed when no panel for this
     * window length exists, when {@code nowMs} advanced by at least the cadence since the cached one, or
     * when {@code nowMs} went backwards; otherwise the cached panel is returned (its window is then the one
     * it was computed for: check {@link HrvPanel#windowEndMs()}). Null when the window holds no beat.
     */
    public HrvPanel panel(double windowSeconds, double nowMs) {
        Cached c = cache.get(windowSeconds);
        if (c != null && nowMs >= c.nowMs && nowMs - c.nowMs < cadenceMs) {
            return c.panel;
        }
        HrvPanel p = computePanel(windowSeconds, nowMs);
        cache.put(windowSeconds, new Cached(nowMs, p));
        return p;
    }

    /** The retained beats of {@code (startMs, endMs]} as a series (the first one starts a new run). */
    public RrSeries beats(double startMs, double endMs) {
        long a = upperBound(startMs);
        long b = upperBound(endMs);
        int n = (int) Math.max(0, b - a);
        double[] ends = new double[n];
        double[] rr = new double[n];
        boolean[] gaps = new boolean[n];
        for (int i = 0; i < n; i++) {
            int s = slot(a + i);
            ends[i] = this.endMs[s];
            rr[i] = rrMs[s];
            gaps[i] = i == 0 || gapBefore[s];
        }
        return new RrSeries(ends, rr, gaps);
    }

    /**
     * Mean heart rate and quality of {@code (nowMs − windowSeconds, nowMs]}: exactly the panel's
     * {@code time().meanHrBpm()} and {@code quality()} for that window (see
     * {@link HrvAnalyzer#meanHeartRate(RrWindow)}), at a fraction of its cost and never cached. Null when the
     * window holds no beat.
     */
    public HrvAnalyzer.MeanHeartRate meanHeartRate(double windowSeconds, double nowMs) {
        RrWindow w = window(windowSeconds, nowMs);
        return w == null ? null : analyzer.meanHeartRate(w);
    }

    private HrvPanel computePanel(double windowSeconds, double nowMs) {
        RrWindow w = window(windowSeconds, nowMs);
        return w == null ? null : analyzer.analyze(w);
    }

    private RrWindow window(double windowSeconds, double nowMs) {
        double startMs = nowMs - windowSeconds * 1000;
        RrSeries beats = beats(startMs, nowMs);
        return beats.size() == 0 ? null : RrWindow.of(beats, startMs, nowMs);
    }

    /** First retained absolute index whose end is &gt; t (count if none). */
    private long upperBound(double t) {
        long lo = first;
        long hi = count;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (endMs[slot(mid)] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private double prefix(double[] q, double total, long i) {
        return i == count ? total : q[slot(i)];
    }

    private int prefixInt(int[] q, int total, long i) {
        return i == count ? total : q[slot(i)];
    }

    private int slot(long i) {
        return (int) (i & mask);
    }

    private void grow() {
        int cap = endMs.length * 2;
        int newMask = cap - 1;
        endMs = regrow(endMs, cap, newMask);
        rrMs = regrow(rrMs, cap, newMask);
        qSum = regrow(qSum, cap, newMask);
        qSum2 = regrow(qSum2, cap, newMask);
        qD = regrow(qD, cap, newMask);
        qD2 = regrow(qD2, cap, newMask);
        qS = regrow(qS, cap, newMask);
        qS2 = regrow(qS2, cap, newMask);
        qPairs = regrow(qPairs, cap, newMask);
        q50 = regrow(q50, cap, newMask);
        q20 = regrow(q20, cap, newMask);
        boolean[] g = new boolean[cap];
        for (long i = first; i < count; i++) {
            g[(int) (i & newMask)] = gapBefore[slot(i)];
        }
        gapBefore = g;
        mask = newMask;
    }

    private double[] regrow(double[] old, int cap, int newMask) {
        double[] a = new double[cap];
        for (long i = first; i < count; i++) {
            a[(int) (i & newMask)] = old[slot(i)];
        }
        return a;
    }

    private int[] regrow(int[] old, int cap, int newMask) {
        int[] a = new int[cap];
        for (long i = first; i < count; i++) {
            a[(int) (i & newMask)] = old[slot(i)];
        }
        return a;
    }
}
