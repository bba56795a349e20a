package org.equilibrium.analysis.autonomic;

import org.equilibrium.analysis.rr.RrSeries;

/**
 * Baevsky's stress index SI = AMo / (2 · Mo · MxDMn) (Baevsky RM, Chernikova AG. Heart rate variability
 * analysis: physiological foundations and main methods. Cardiometry 2017;10:66–76), with a histogram of
 * 50-ms bins aligned to multiples of 50 ms: Mo = centre of the fullest bin in s (lowest bin on ties),
 * AMo = % of intervals in that bin, MxDMn = max − min NN in s. Kubios reports √SI as its "stress index".
 * Null below 2 intervals or when all intervals are equal (MxDMn = 0).
 */
public record BaevskyStressIndex(double modeS, double amplitudeOfModePct, double rangeS, double si) {
    public static final double BIN_MS = 50.0;

    public double sqrtSi() {
        return Math.sqrt(si);
    }

    public static BaevskyStressIndex of(RrSeries nn) {
        double[] x = nn.rrMs();
        int n = x.length;
        if (n < 2) {
            return null;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max == min) {
            return null;
        }
        long firstBin = (long) Math.floor(min / BIN_MS);
        int bins = (int) ((long) Math.floor(max / BIN_MS) - firstBin + 1);
        int[] counts = new int[bins];
        for (double v : x) {
            counts[(int) ((long) Math.floor(v / BIN_MS) - firstBin)]++;
        }
        int best = 0;
        for (int b = 1; b < bins; b++) {
            if (counts[b] > counts[best]) {
                best = b;
            }
        }
        double modeS = ((firstBin + best) * BIN_MS + BIN_MS / 2) / 1000;
        double amo = 100.0 * counts[best] / n;
        double rangeS = (max - min) / 1000;
        return new BaevskyStressIndex(modeS, amo, rangeS, amo / (2 * modeS * rangeS));
    }
}
