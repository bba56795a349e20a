package org.equilibrium.analysis.time;

import org.equilibrium.analysis.rr.RrSeries;

/**
 * Time-domain HRV (Task Force of the ESC and NASPE, Circulation 1996;93:1043–1065).
 * Successive differences are taken only between adjacent intervals (never across a gap).
 *
 * @param meanNnMs  mean of the NN intervals
 * @param sdnnMs    sample standard deviation of NN (n − 1); null below 2 intervals
 * @param rmssdMs   √(mean of ΔNN²); null without a successive difference
 * @param sdsdMs    sample standard deviation of ΔNN (n − 1); null below 2 differences
 * @param pnn50Pct  100 · #(|ΔNN| &gt; 50 ms) / N, N the number of NN intervals (Task Force definition)
 * @param pnn20Pct  the same with 20 ms
 * @param meanHrBpm 60000 / meanNnMs
 */
public record TimeDomain(int intervals, int differences, double meanNnMs, Double sdnnMs, Double rmssdMs,
                         Double sdsdMs, Double pnn50Pct, Double pnn20Pct, double meanHrBpm, double minNnMs,
                         double maxNnMs) {

    /** Null for an empty series. */
    public static TimeDomain of(RrSeries nn) {
        double[] x = nn.rrMs();
        int n = x.length;
        if (n == 0) {
            return null;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        int nd = 0;
        double sumD = 0;
        double sumD2 = 0;
        int over50 = 0;
        int over20 = 0;
        for (int i = 1; i < n; i++) {
            if (!nn.adjacent(i)) {
                continue;
            }
            double d = x[i] - x[i - 1];
            nd++;
            sumD += d;
            sumD2 += d * d;
            double ad = Math.abs(d);
            if (ad > 50) {
                over50++;
            }
            if (ad > 20) {
                over20++;
            }
        }
        Double sdsd = null;
        if (nd >= 2) {
            double meanD = sumD / nd;
            double ssd = 0;
            for (int i = 1; i < n; i++) {
                if (nn.adjacent(i)) {
                    double d = x[i] - x[i - 1] - meanD;
                    ssd += d * d;
                }
            }
            sdsd = Math.sqrt(ssd / (nd - 1));
        }
        return new TimeDomain(n, nd, mean,
                n >= 2 ? Math.sqrt(ss / (n - 1)) : null,
                nd >= 1 ? Math.sqrt(sumD2 / nd) : null,
                sdsd,
                nd >= 1 ? 100.0 * over50 / n : null,
                nd >= 1 ? 100.0 * over20 / n : null,
                60000.0 / mean, min, max);
    }
}
