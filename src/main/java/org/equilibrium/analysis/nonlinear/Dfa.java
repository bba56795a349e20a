package org.equilibrium.analysis.nonlinear;

import org.equilibrium.analysis.rr.RrSeries;

/**
 * Detrended fluctuation analysis (Peng et al., Chaos 1995;5:82–87), fixed as follows:
 * profile y(k) = Σᵢ≤ₖ (RRᵢ − mean RR); for each window size n, windows start at 0, ⌊n/2⌋, 2⌊n/2⌋, …
 * while start &lt; N − n; each window gets a least-squares line and its residual variance (mean squared
 * residual); windows whose residual variance is ≤ 1e-8 ms² (exact fits, which quantised RR produces) are
 * skipped, as are windows spanning a gap; F(n) = √(mean residual variance); α is the least-squares slope of
 * log F(n) against log n. α1 uses n = 4 … 11 beats, α2 n = 12 … ⌊N/10⌋. An exponent is null when fewer
 * than 3 window sizes give a fluctuation.
 */
public final class Dfa {
    public static final double MIN_RESIDUAL_VARIANCE = 1e-8;
    static final int MIN_SIZES = 3;

    private Dfa() {
    }

    public record Result(Double alpha1, Double alpha2) {
    }

    public static Result of(RrSeries nn) {
        double[] x = nn.rrMs();
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= Math.max(1, n);
        double[] profile = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += x[i] - mean;
            profile[i] = acc;
        }
        // lastGap[i]: index of the latest interval ≤ i that starts a run, so [s, s+w) is gap-free iff lastGap[s+w-1] ≤ s.
        int[] runStart = new int[n];
        for (int i = 0; i < n; i++) {
            runStart[i] = i == 0 || !nn.adjacent(i) ? i : runStart[i - 1];
        }
        return new Result(alpha(profile, runStart, 4, 11), alpha(profile, runStart, 12, n / 10));
    }

    /** Slope of log F(n) on log n over sizes lo…hi; null when fewer than {@value #MIN_SIZES} sizes qualify. */
    static Double alpha(double[] profile, int[] runStart, int lo, int hi) {
        int count = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int size = lo; size <= hi; size++) {
            double f = fluctuation(profile, runStart, size);
            if (Double.isNaN(f) || f <= 0) {
                continue;
            }
            double lx = Math.log(size);
            double ly = Math.log(f);
            count++;
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        if (count < MIN_SIZES) {
            return null;
        }
        return (count * sxy - sx * sy) / (count * sxx - sx * sx);
    }

    /** F(n), or NaN when no window qualifies. */
    static double fluctuation(double[] profile, int[] runStart, int size) {
        int total = profile.length;
        int step = size / 2;
        // x = 0 … size−1 centred, so the fit needs only Σ(x−x̄)² (closed form) and Σ(x−x̄)·y.
        double xMean = (size - 1) / 2.0;
        double sxx = size * ((double) size * size - 1) / 12.0;
        double sum = 0;
        int windows = 0;
        for (int start = 0; start < total - size; start += step) {
            if (runStart[start + size - 1] > start) {
                continue;
            }
            // Pass 1: Σy and Σx·y; pass 2: Σ(y − ȳ)². Residual SS = Syy − Sxy²/Sxx on centred sums,
            // accurate to ~1e-16·Syy, far below the 1e-8 ms² exact-fit threshold.
            double sy = 0;
            double sjy = 0;
            for (int j = 0; j < size; j++) {
                double v = profile[start + j];
                sy += v;
                sjy += j * v;
            }
            double yMean = sy / size;
            double sxy = sjy - xMean * sy;
            double syy = 0;
            for (int j = 0; j < size; j++) {
                double dv = profile[start + j] - yMean;
                syy += dv * dv;
            }
            double ss = Math.max(0, syy - sxy * sxy / sxx);
            double variance = ss / size;
            if (variance <= MIN_RESIDUAL_VARIANCE) {
                continue;
            }
            sum += variance;
            windows++;
        }
        return windows == 0 ? Double.NaN : Math.sqrt(sum / windows);
    }
}
