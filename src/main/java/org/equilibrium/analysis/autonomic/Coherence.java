package org.equilibrium.analysis.autonomic;

import org.equilibrium.analysis.frequency.Psd;

/**
 * Coherence (resonance) score for biofeedback, after the published description of HeartMath's coherence
 * ratio (McCraty R et al., The coherent heart, Integral Review 2009;5(2):10–115; HeartMath's exact
 * algorithm, including any transforms of the ratio, is unpublished): find the highest PSD bin in
 * 0.04–0.26 Hz; peak power = band power within ±0.015 Hz of it; total power = band power over
 * 0.0033–0.40 Hz; coherence = peak / (total − peak). The peak window widens to one frequency bin each side when the
 * bins are wider than 0.015 Hz (short windows). Band powers use the same trapezoid rule as the
 * HRV bands. Null when there is no bin in the search band or nothing outside the peak.
 */
public final class Coherence {
    public static final double SEARCH_LO_HZ = 0.04;
    public static final double SEARCH_HI_HZ = 0.26;
    public static final double HALF_WIDTH_HZ = 0.015;
    public static final double TOTAL_LO_HZ = 0.0033;
    public static final double TOTAL_HI_HZ = 0.40;

    private Coherence() {
    }

    public static Double of(Psd psd) {
        if (psd == null) {
            return null;
        }
        double peak = psd.peakHz(SEARCH_LO_HZ, SEARCH_HI_HZ);
        if (Double.isNaN(peak)) {
            return null;
        }
        // The peak window must hold the peak bin and at least one neighbour on each side, or the trapezoid has
        // no width: HeartMath's 64-s windows have 1/64-Hz bins, so ±0.015 Hz spans just that; a 60-s window
        // (bins of 1/60 Hz here) would otherwise hold the peak bin alone and score 0. Inclusive upper edge.
        double[] f = psd.frequencyHz();
        double bin = f.length >= 2 ? f[1] - f[0] : 0;
        double half = Math.max(HALF_WIDTH_HZ, bin);
        double peakPower = psd.bandPower(peak - half, Math.nextUp(peak + half));
        double total = psd.bandPower(TOTAL_LO_HZ, TOTAL_HI_HZ);
        double rest = total - peakPower;
        return rest > 0 ? peakPower / rest : null;
    }
}
