package org.equilibrium.analysis.frequency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvConfig;
import org.equilibrium.analysis.HrvPanel;
import org.equilibrium.analysis.TestData;
import org.equilibrium.analysis.artefacts.ArtefactCorrector;
import org.equilibrium.analysis.rr.RrSeries;
import org.junit.jupiter.api.Test;

class WelchPsdTest {
    private final WelchPsd welch = new WelchPsd();

    /** Beats whose RR follows mean + amp·sin(2πft) of the previous beat time, for durationS seconds. */
    static RrSeries modulated(double meanMs, double ampMs, double freqHz, double durationS) {
        double[] buf = new double[(int) (durationS * 3)];
        int n = 0;
        double t = 0;
        while (t < durationS * 1000) {
            double rr = meanMs + ampMs * Math.sin(2 * Math.PI * freqHz * t / 1000);
            buf[n++] = rr;
            t += rr;
        }
        return RrSeries.fromIntervals(java.util.Arrays.copyOf(buf, n));
    }

    @Test
    void lfModulationPutsItsPowerAndPeakInLf() {
        FrequencyDomain f = FrequencyDomain.of(welch.of(modulated(900, 40, 0.10, 300)), 300);
        // A sinusoid of amplitude A carries A²/2 = 800 ms² of variance.
        assertThat(f.lfMs2()).isCloseTo(800, within(800 * 0.05));
        assertThat(f.hfMs2()).isLessThan(f.lfMs2() * 0.01);
        assertThat(f.lfPeakHz()).isCloseTo(0.10, within(4.0 / 1024));
    }

    @Test
    void hfModulationPutsItsPowerAndPeakInHfAndGivesTheBreathingRate() {
        FrequencyDomain f = FrequencyDomain.of(welch.of(modulated(900, 30, 0.25, 300)), 300);
        assertThat(f.hfMs2()).isCloseTo(450, within(450 * 0.05));
        assertThat(f.lfMs2()).isLessThan(f.hfMs2() * 0.01);
        assertThat(f.hfPeakHz()).isCloseTo(0.25, within(4.0 / 1024));
        assertThat(f.respRateBpm()).isCloseTo(15, within(60 * 4.0 / 1024));
    }

    @Test
    void fasterBreathingMovesTheHfPeakUp() {
        double slow = FrequencyDomain.of(welch.of(modulated(900, 30, 0.20, 300)), 300).hfPeakHz();
        double fast = FrequencyDomain.of(welch.of(modulated(900, 30, 0.30, 300)), 300).hfPeakHz();
        assertThat(fast - slow).isCloseTo(0.10, within(2 * 4.0 / 1024));
    }

    @Test
    void segmentsFollowTheSpecifiedLayout() {
        // N = 1197 → L = 512, K = ⌈685/256⌉ + 1 = 4, nfft 1024: bins every 4/1024 Hz up to 2 Hz.
        double[] y = new double[1197];
        Random rnd = new Random(5);
        for (int i = 0; i < y.length; i++) {
            y[i] = rnd.nextGaussian();
        }
        Psd psd = welch.estimate(y);
        assertThat(psd.frequencyHz()).hasSize(513);
        assertThat(psd.frequencyHz()[1]).isCloseTo(4.0 / 1024, within(1e-15));
        // White noise of unit variance at fs = 4 Hz: one-sided density ≈ 2/fs = 0.5 on average.
        double mean = 0;
        for (int k = 1; k < 512; k++) {
            mean += psd.densityMs2PerHz()[k] / 511;
        }
        assertThat(mean).isCloseTo(0.5, within(0.05));
    }

    @Test
    void densityMatchesANaiveDftOfTheSameSegments() {
        double[] y = new double[300];
        Random rnd = new Random(9);
        for (int i = 0; i < y.length; i++) {
            y[i] = 20 * Math.sin(0.3 * i) + rnd.nextGaussian();
        }
        Psd psd = welch.estimate(y);
        int l = 150;
        int segments = (int) Math.ceil((300 - l) / (l / 2.0)) + 1; // 3
        double[] w = WelchPsd.periodicHann(l);
        double sumW2 = 0;
        for (double v : w) {
            sumW2 += v * v;
        }
        int nfft = 2 * l;
        for (int k = 0; k <= nfft / 2; k += 7) {
            double acc = 0;
            for (int s = 0; s < segments; s++) {
                int start = (int) Math.floor((double) s * (300 - l) / (segments - 1) + 0.5);
                double re = 0;
                double im = 0;
                for (int j = 0; j < l; j++) {
                    re += y[start + j] * w[j] * Math.cos(2 * Math.PI * j * k / nfft);
                    im -= y[start + j] * w[j] * Math.sin(2 * Math.PI * j * k / nfft);
                }
                acc += re * re + im * im;
            }
            double expected = acc / segments / (4 * sumW2) * (k == 0 || k == nfft / 2 ? 1 : 2);
            assertThat(psd.densityMs2PerHz()[k]).as("bin %d", k).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
        }
    }

    @Test
    void matchesAnIndependentScipyComputationOnARealRecording() {
        // src/test/python/hrv_reference.py rhb_rest.txt 0 300 (scipy 1.17.1, numpy 2.4.6), no artefact correction.
        HrvPanel p = new HrvAnalyzer(HrvConfig.DEFAULT.withCorrector(ArtefactCorrector.NONE))
                .analyze(RrSeries.fromIntervals(TestData.intervals("rhb_rest")).window(0, 300_000));
        assertThat(p.beats()).isEqualTo(284);
        assertThat(p.time().meanNnMs()).isCloseTo(1054.492958, within(1e-5));
        assertThat(p.time().sdnnMs()).isCloseTo(64.107269, within(1e-5));
        assertThat(p.time().rmssdMs()).isCloseTo(65.308645, within(1e-5));
        assertThat(p.time().sdsdMs()).isCloseTo(65.424004, within(1e-5));
        assertThat(p.time().pnn50Pct()).isCloseTo(45.070423, within(1e-5));
        assertThat(p.time().pnn20Pct()).isCloseTo(74.647887, within(1e-5));
        assertThat(p.poincare().sd1Ms()).isCloseTo(46.261757, within(1e-5));
        assertThat(p.poincare().sd2Ms()).isCloseTo(78.076108, within(1e-5));
        assertThat(p.frequency().vlfMs2()).isCloseTo(1078.111711, within(1e-4));
        assertThat(p.frequency().lfMs2()).isCloseTo(1210.682661, within(1e-4));
        assertThat(p.frequency().hfMs2()).isCloseTo(923.881098, within(1e-4));
        assertThat(p.frequency().hfPeakHz()).isCloseTo(0.324219, within(1e-6));
        assertThat(p.frequency().lfPeakHz()).isCloseTo(0.082031, within(1e-6));
    }

    @Test
    void shortWindowsReportOnlyTheBandsTheyCanResolve() {
        FrequencyDomain f = FrequencyDomain.of(welch.of(modulated(900, 30, 0.25, 90)), 89);
        assertThat(f.hfMs2()).isNotNull();
        assertThat(f.lfMs2()).isNull();
        assertThat(f.vlfMs2()).isNull();
        assertThat(f.lfHf()).isNull();
    }
}
