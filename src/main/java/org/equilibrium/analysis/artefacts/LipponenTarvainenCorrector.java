package org.equilibrium.analysis.artefacts;

import java.util.Arrays;
import org.equilibrium.analysis.rr.RrSeries;

/**
 * Automatic beat classification and correction after Lipponen JA, Tarvainen MP. "A robust algorithm for
 * heart rate variability time series artefact correction using novel beat classification." J Med Eng
 * Technol 2019;43(3):173–181 (the method Kubios HRV calls "automatic correction").
 *
 * <p>Detection, per gap-free run of intervals (indices as in the paper, {@code dRR(j) = RR(j) − RR(j−1)}):
 * <ul>
 *   <li>Th1(j) = α · QD of |dRR| over the 91 beats centred on j, QD = (Q3 − Q1)/2, α = 5.2; dRR is divided by Th1.</li>
 *   <li>S12(j) = max(dRR(j−1), dRR(j+1)) if dRR(j) &gt; 0, min(…) if dRR(j) &lt; 0;
 *       S22(j) = min(dRR(j+1), dRR(j+2)) if dRR(j) ≥ 0, max(…) otherwise (ends reflected).</li>
 *   <li>mRR(j) = RR(j) − medRR(j), medRR the 11-beat centred median; negative values doubled; divided by
 *       Th2 = α · QD of |mRR| over 91 beats.</li>
 *   <li>ectopic: dRR &gt; 1 ∧ S12 &lt; −c1·dRR − c2, or dRR &lt; −1 ∧ S12 &gt; −c1·dRR + c2 (c1 = 0.13, c2 = 0.17);
 *       otherwise for j (and j+1 when |dRR(j+1)| &lt; |dRR(j+2)|): long dRR &gt; 1 ∧ S22 &lt; −1,
 *       short dRR &lt; −1 ∧ S22 &gt; 1, or |mRR| &gt; 3; then missed if long ∧ |RR(j)/2 − medRR(j)| &lt; Th2(j),
 *       extra if short ∧ |RR(j) + RR(j+1) − medRR(j)| &lt; Th2(j), else long/short.</li>
 * </ul>
 * The flow follows the paper's Figure 1 as implemented in NeuroKit2's {@code signal_fixpeaks(method="kubios")}.
 *
 * <p>Correction (our choices where the paper leaves the details to the implementation):
 * <ul>
 *   <li>ectopic at j: the misplaced beat is the one between intervals j−1 and j (the centre of the NPN/PNP
 *       dRR pattern is the interval after it), so both intervals become their mean — the beat moves to the
 *       midpoint of its neighbours and total time is preserved. A long/short flag on j−1 is part of the same
 *       event and is not counted twice.</li>
 *   <li>missed at j: the interval is split into two halves (a beat inserted in the middle);
 *       extra at j: intervals j and j+1 are merged (the spurious beat removed); a flag on j+1 belongs
 *       to the same event.</li>
 *   <li>long/short at j: the value is replaced by linear interpolation between the nearest unflagged
 *       neighbours (Kubios uses a cubic spline here).</li>
 * </ul>
 * Th1 and Th2 are floored at {@link #DEFAULT_MIN_THRESHOLD_FRACTION 5 %} of the local median RR (see there).
 * Runs shorter than {@value #MIN_RUN} intervals are left as they are. The first interval of a run has no
 * dRR and is never classified by the dRR rules; the last two are not classified either (no look-ahead).
 */
public final class LipponenTarvainenCorrector implements ArtefactCorrector {
    public static final double ALPHA = 5.2;
    public static final double C1 = 0.13;
    public static final double C2 = 0.17;
    public static final int THRESHOLD_WINDOW_BEATS = 91;
    public static final int MEDIAN_WINDOW_BEATS = 11;
    static final int MIN_RUN = 8;

    static final byte NORMAL = 0;
    static final byte ECTOPIC = 1;
    static final byte MISSED = 2;
    static final byte EXTRA = 3;
    static final byte LONG_SHORT = 4;

    /**
     * Floor of Th1 and Th2 as a fraction of the local median RR (our addition, not in the paper): on
     * quantised, low-variability data (e.g. 1/128-s Holter RR with RMSSD ≈ 10 ms) the quartile deviation of
     * |dRR| falls below the quantisation step and 3–4-step wiggles get "corrected" as ectopic beats. The
     * default, 5 %, is Kubios' most sensitive threshold-filter level ("very strong", 0.05 s at 60 bpm), so no
     * deviation Kubios would ever call an artefact is exempted. 0 reproduces the paper exactly.
     */
    public static final double DEFAULT_MIN_THRESHOLD_FRACTION = 0.05;

    private static final double[] QUARTILES = {0.25, 0.75};
    private static final double[] MEDIAN = {0.5};

    private final double minThresholdFraction;

    /** The paper's method with the {@link #DEFAULT_MIN_THRESHOLD_FRACTION default threshold floor}. */
    public LipponenTarvainenCorrector() {
        this(DEFAULT_MIN_THRESHOLD_FRACTION);
    }

    /** @param minThresholdFraction floor of Th1/Th2 as a fraction of the local median RR (0 = the paper exactly) */
    public LipponenTarvainenCorrector(double minThresholdFraction) {
        if (!(minThresholdFraction >= 0 && minThresholdFraction < 1)) {
            throw new IllegalArgumentException("threshold floor must be in [0, 1)");
        }
        this.minThresholdFraction = minThresholdFraction;
    }

    @Override
    public CorrectionResult correct(RrSeries rr) {
        int n = rr.size();
        SeriesBuilder out = new SeriesBuilder(n + 8);
        int ectopic = 0;
        int missed = 0;
        int extra = 0;
        int longShort = 0;
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && rr.adjacent(end)) {
                end++;
            }
            double[] run = Arrays.copyOfRange(rr.rrMs(), start, end);
            double[] ends = Arrays.copyOfRange(rr.beatEndMs(), start, end);
            byte[] cls = run.length >= MIN_RUN ? classify(run, minThresholdFraction) : new byte[run.length];
            int[] c = correctRun(run, ends, cls, out);
            ectopic += c[0];
            missed += c[1];
            extra += c[2];
            longShort += c[3];
            start = end;
        }
        return new CorrectionResult(out.build(), new ArtefactCounts(ectopic, missed, extra, longShort, 0), n);
    }

    /** Classifies each interval of a gap-free run (package-private for tests). */
    static byte[] classify(double[] rr) {
        return classify(rr, DEFAULT_MIN_THRESHOLD_FRACTION);
    }

    static byte[] classify(double[] rr, double minThresholdFraction) {
        int n = rr.length;
        double[] drrs = new double[n];
        for (int i = 1; i < n; i++) {
            drrs[i] = rr[i] - rr[i - 1];
        }
        double[][] med = new double[1][n];
        SlidingQuantiles.compute(rr, MEDIAN_WINDOW_BEATS / 2, MEDIAN, med);
        double[] medrr = med[0];
        double[] th1 = threshold(drrs, medrr, minThresholdFraction);
        for (int i = 0; i < n; i++) {
            drrs[i] = th1[i] != 0 ? drrs[i] / th1[i] : 0;
        }
        double[] s12 = new double[n];
        double[] s22 = new double[n];
        for (int i = 0; i < n; i++) {
            double d = drrs[i];
            double prev = reflected(drrs, i - 1);
            double next = reflected(drrs, i + 1);
            double next2 = reflected(drrs, i + 2);
            if (d > 0) {
                s12[i] = Math.max(prev, next);
            } else if (d < 0) {
                s12[i] = Math.min(prev, next);
            }
            s22[i] = d >= 0 ? Math.min(next, next2) : Math.max(next, next2);
        }
        double[] mrrs = new double[n];
        for (int i = 0; i < n; i++) {
            double m = rr[i] - medrr[i];
            mrrs[i] = m < 0 ? 2 * m : m;
        }
        double[] th2 = threshold(mrrs, medrr, minThresholdFraction);
        for (int i = 0; i < n; i++) {
            mrrs[i] = th2[i] != 0 ? mrrs[i] / th2[i] : 0;
        }

        byte[] cls = new byte[n];
        for (int i = 0; i < n - 2; i++) {
            double d = drrs[i];
            if (Math.abs(d) <= 1) {
                continue;
            }
            boolean eq1 = d > 1 && s12[i] < -C1 * d - C2;
            boolean eq2 = d < -1 && s12[i] > -C1 * d + C2;
            if (eq1 || eq2) {
                cls[i] = ECTOPIC;
                continue;
            }
            int last = Math.abs(drrs[i + 1]) < Math.abs(drrs[i + 2]) ? i + 1 : i;
            for (int j = i; j <= last; j++) {
                boolean eq3 = drrs[j] > 1 && s22[j] < -1;
                boolean eq4 = Math.abs(mrrs[j]) > 3;
                boolean eq5 = drrs[j] < -1 && s22[j] > 1;
                if (!(eq3 || eq4 || eq5)) {
                    continue;
                }
                boolean eq6 = Math.abs(rr[j] / 2 - medrr[j]) < th2[j];
                boolean eq7 = j + 1 < n && Math.abs(rr[j] + rr[j + 1] - medrr[j]) < th2[j];
                if (eq5 && eq7) {
                    cls[j] = EXTRA;
                } else if (eq3 && eq6) {
                    cls[j] = MISSED;
                } else if (cls[j] == NORMAL) {
                    cls[j] = LONG_SHORT;
                }
            }
        }
        return cls;
    }

    /** α × quartile deviation of |x| over the 91 beats centred on each index, floored at a fraction of medRR. */
    private static double[] threshold(double[] x, double[] medrr, double minFraction) {
        int n = x.length;
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(x[i]);
        }
        double[][] q = new double[2][n];
        SlidingQuantiles.compute(abs, THRESHOLD_WINDOW_BEATS / 2, QUARTILES, q);
        double[] th = new double[n];
        for (int i = 0; i < n; i++) {
            th[i] = Math.max(ALPHA * (q[1][i] - q[0][i]) / 2, minFraction * medrr[i]);
        }
        return th;
    }

    /** numpy's "reflect" padding: index −1 reads element 1, index n reads element n − 2. */
    private static double reflected(double[] x, int i) {
        int n = x.length;
        if (i < 0) {
            i = -i;
        } else if (i >= n) {
            i = 2 * (n - 1) - i;
        }
        return x[Math.max(0, Math.min(n - 1, i))];
    }

    /** Applies the corrections of one run, appends it to {@code out}; returns counts per class. */
    private static int[] correctRun(double[] rr, double[] ends, byte[] cls, SeriesBuilder out) {
        int n = rr.length;
        int[] counts = new int[4];
        boolean[] flagged = new boolean[n];
        for (int i = 0; i < n; i++) {
            flagged[i] = cls[i] != NORMAL;
        }
        double[] v = rr.clone();
        double[] t = ends.clone();
        for (int i = 0; i + 1 < n; i++) {
            if (cls[i] == EXTRA && cls[i + 1] != MISSED && cls[i + 1] != EXTRA) {
                // The second half of a split interval is the same event; it is merged, not interpolated.
                cls[i + 1] = NORMAL;
            }
        }
        for (int i = 1; i < n; i++) {
            if (cls[i] == ECTOPIC) {
                if (cls[i - 1] == LONG_SHORT || cls[i - 1] == ECTOPIC) {
                    cls[i - 1] = NORMAL; // same event: the misplaced beat between i−1 and i
                }
                double mean = (v[i - 1] + v[i]) / 2;
                v[i - 1] = mean;
                v[i] = mean;
                t[i - 1] = t[i] - mean;
                flagged[i - 1] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            if (cls[i] == LONG_SHORT) {
                v[i] = interpolateFromNeighbours(v, flagged, i);
            }
        }
        boolean first = true;
        for (int i = 0; i < n; i++) {
            switch (cls[i]) {
                case ECTOPIC -> counts[0]++;
                case LONG_SHORT -> counts[3]++;
                default -> { }
            }
            if (cls[i] == MISSED) {
                counts[1]++;
                double half = v[i] / 2;
                out.add(t[i] - half, half, first);
                out.add(t[i], half, false);
            } else if (cls[i] == EXTRA && i + 1 < n) {
                counts[2]++;
                out.add(t[i + 1], v[i] + v[i + 1], first);
                i++; // consumed: the next interval is merged into this one
            } else {
                out.add(t[i], v[i], first);
            }
            first = false;
        }
        return counts;
    }

    static double interpolateFromNeighbours(double[] v, boolean[] flagged, int i) {
        int before = i - 1;
        while (before >= 0 && flagged[before]) {
            before--;
        }
        int after = i + 1;
        while (after < v.length && flagged[after]) {
            after++;
        }
        if (before < 0 && after >= v.length) {
            return v[i];
        }
        if (before < 0) {
            return v[after];
        }
        if (after >= v.length) {
            return v[before];
        }
        double w = (double) (i - before) / (after - before);
        return v[before] + (v[after] - v[before]) * w;
    }
}
