package org.equilibrium.analysis.autonomic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equilibrium.analysis.frequency.Psd;
import org.equilibrium.analysis.rr.RrSeries;
import org.junit.jupiter.api.Test;

class AutonomicTest {

    @Test
    void baevskyHandComputedCase() {
        // Bins of 50 ms: 800, 810, 820, 840 → [800, 850); 900 → [900, 950); 1000 → [1000, 1050).
        BaevskyStressIndex si = BaevskyStressIndex.of(RrSeries.fromIntervals(new double[] {800, 810, 820, 840, 900, 1000}));
        assertThat(si.modeS()).isCloseTo(0.825, within(1e-12));
        assertThat(si.amplitudeOfModePct()).isCloseTo(400 / 6.0, within(1e-12));
        assertThat(si.rangeS()).isCloseTo(0.2, within(1e-12));
        assertThat(si.si()).isCloseTo((400 / 6.0) / (2 * 0.825 * 0.2), within(1e-9));
        assertThat(si.sqrtSi()).isCloseTo(Math.sqrt(si.si()), within(1e-12));
    }

    @Test
    void baevskyTiesGoToTheLowestBin() {
        BaevskyStressIndex si = BaevskyStressIndex.of(RrSeries.fromIntervals(new double[] {760, 770, 960, 970}));
        assertThat(si.modeS()).isCloseTo(0.775, within(1e-12));
        assertThat(si.amplitudeOfModePct()).isCloseTo(50, within(1e-12));
    }

    @Test
    void baevskyIsUndefinedWithoutSpread() {
        assertThat(BaevskyStressIndex.of(RrSeries.fromIntervals(new double[] {900, 900, 900}))).isNull();
    }

    @Test
    void indicesAreMeanZScoresAgainstTheReference() {
        ReferenceValues ref = ReferenceValues.NUNAN_2010;
        AutonomicIndices atMean = AutonomicIndices.of(new AutonomicIndices.Inputs(926.0, 42.0, 29.7, 64.8, 9.66, 64.1), ref);
        assertThat(atMean.pnsIndex()).isCloseTo(0, within(1e-12));
        assertThat(atMean.snsIndex()).isCloseTo(0, within(1e-12));
        // MeanNN +1 SD, RMSSD +2 SD, SD1 0 → PNS = 1; HR −1 SD, √SI +1 SD, SD2 +3 SD → SNS = 1.
        AutonomicIndices shifted = AutonomicIndices.of(
                new AutonomicIndices.Inputs(926.0 + 90, 42.0 + 30, 29.7, 64.8 - 6.3, 9.66 + 1.29, 64.1 + 3 * 21.5), ref);
        assertThat(shifted.pnsIndex()).isCloseTo(1, within(1e-12));
        assertThat(shifted.snsIndex()).isCloseTo(1, within(1e-12));
    }

    @Test
    void baselineRelativeIndicesAreZeroAtBaselineAndMoveByReferenceSds() {
        AutonomicIndices.Inputs baseline = new AutonomicIndices.Inputs(1100.0, 60.0, 42.0, 54.5, 7.0, 80.0);
        AutonomicIndices same = AutonomicIndices.relativeTo(baseline, baseline, ReferenceValues.NUNAN_2010);
        assertThat(same.pnsIndex()).isCloseTo(0, within(1e-12));
        assertThat(same.snsIndex()).isCloseTo(0, within(1e-12));
        AutonomicIndices stressed = AutonomicIndices.relativeTo(
                new AutonomicIndices.Inputs(1100.0 - 3 * 90, 60.0 - 3 * 15, 42.0 - 3 * 10.6, 54.5, 7.0, 80.0),
                baseline, ReferenceValues.NUNAN_2010);
        assertThat(stressed.pnsIndex()).isCloseTo(-3, within(1e-9));
    }

    @Test
    void coherenceOfAFlatSpectrumIsThePeakWidthOverTheRest() {
        int bins = 501;
        double[] f = new double[bins];
        double[] p = new double[bins];
        for (int k = 0; k < bins; k++) {
            f[k] = k * 0.001;
            p[k] = 1;
        }
        // Flat: highest bin in 0.04–0.26 is the first (0.040); peak window 0.025…0.055 (30 bins, 0.030 Hz
        // by trapezoid), total 0.004…0.399 (0.395), coherence 0.030 / 0.365.
        assertThat(Coherence.of(new Psd(f, p))).isCloseTo(0.030 / 0.365, within(1e-9));
    }

    @Test
    void aSharpResonancePeakGivesHighCoherence() {
        int bins = 501;
        double[] f = new double[bins];
        double[] p = new double[bins];
        for (int k = 0; k < bins; k++) {
            f[k] = k * 0.001;
            p[k] = 1 + 400 * Math.exp(-Math.pow((f[k] - 0.1) / 0.004, 2));
        }
        assertThat(Coherence.of(new Psd(f, p))).isGreaterThan(5);
    }
}
