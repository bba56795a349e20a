package org.equilibrium.analysis.frequency;

/**
 * A one-sided power spectral density in ms²/Hz on ascending frequencies (Hz).
 * Band power integrates by the trapezoid rule over the bins with {@code lo ≤ f < hi}.
 */
public record Psd(double[] frequencyHz, double[] densityMs2PerHz) {

    /** Trapezoid integral (ms²) over the bins with {@code loHz ≤ f < hiHz}; 0 when fewer than 2 bins. */
    public double bandPower(double loHz, double hiHz) {
        double sum = 0;
        int prev = -1;
        for (int k = 0; k < frequencyHz.length; k++) {
            double f = frequencyHz[k];
            if (f < loHz) {
                continue;
            }
            if (f >= hiHz) {
                break;
            }
            if (prev >= 0) {
                sum += (densityMs2PerHz[prev] + densityMs2PerHz[k]) / 2 * (f - frequencyHz[prev]);
            }
            prev = k;
        }
        return sum;
    }

    /** Number of bins with {@code loHz ≤ f < hiHz}. */
    public int binsIn(double loHz, double hiHz) {
        int c = 0;
        for (double f : frequencyHz) {
            if (f >= loHz && f < hiHz) {
                c++;
            }
        }
        return c;
    }

    /** Frequency of the largest density among the bins with {@code loHz ≤ f < hiHz}; NaN if there are none. */
    public double peakHz(double loHz, double hiHz) {
        double best = Double.NEGATIVE_INFINITY;
        double at = Double.NaN;
        for (int k = 0; k < frequencyHz.length; k++) {
            double f = frequencyHz[k];
            if (f >= loHz && f < hiHz && densityMs2PerHz[k] > best) {
                best = densityMs2PerHz[k];
                at = f;
            }
        }
        return at;
    }
}
