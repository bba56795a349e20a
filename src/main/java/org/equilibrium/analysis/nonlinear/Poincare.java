package org.equilibrium.analysis.nonlinear;

import org.equilibrium.analysis.rr.RrSeries;

/**
 * Poincaré plot descriptors by definition (Brennan, Palaniswami, Kamen, IEEE TBME 2001;48:1342–1347):
 * over the adjacent pairs (RRₙ, RRₙ₊₁), SD1 = sample SD of (RRₙ − RRₙ₊₁)/√2 and SD2 = sample SD of
 * (RRₙ + RRₙ₊₁)/√2 (n − 1 in both), rather than the SDNN/SDSD shortcut, which differs at the series ends.
 * Pairs never span a gap. Null below 2 pairs.
 */
public record Poincare(int pairs, double sd1Ms, double sd2Ms, double sd1Sd2) {

    public static Poincare of(RrSeries nn) {
        double[] x = nn.rrMs();
        int pairs = 0;
        double sumA = 0;
        double sumB = 0;
        for (int i = 1; i < x.length; i++) {
            if (nn.adjacent(i)) {
                pairs++;
                sumA += (x[i - 1] - x[i]) / Math.sqrt(2);
                sumB += (x[i - 1] + x[i]) / Math.sqrt(2);
            }
        }
        if (pairs < 2) {
            return null;
        }
        double meanA = sumA / pairs;
        double meanB = sumB / pairs;
        double ssA = 0;
        double ssB = 0;
        for (int i = 1; i < x.length; i++) {
            if (nn.adjacent(i)) {
                double a = (x[i - 1] - x[i]) / Math.sqrt(2) - meanA;
                double b = (x[i - 1] + x[i]) / Math.sqrt(2) - meanB;
                ssA += a * a;
                ssB += b * b;
            }
        }
        double sd1 = Math.sqrt(ssA / (pairs - 1));
        double sd2 = Math.sqrt(ssB / (pairs - 1));
        return new Poincare(pairs, sd1, sd2, sd2 > 0 ? sd1 / sd2 : Double.NaN);
    }
}
