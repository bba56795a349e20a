package org.equilibrium.analysis.artefacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.equilibrium.analysis.rr.RrSeries;
import org.junit.jupiter.api.Test;

class CorrectorTest {

    static double[] steady(int n, long seed) {
        Random rnd = new Random(seed);
        double[] rr = new double[n];
        for (int i = 0; i < n; i++) {
            rr[i] = 1000 + 25 * Math.sin(2 * Math.PI * i / 6.3) + 6 * rnd.nextGaussian();
        }
        return rr;
    }

    @Test
    void prematureBeatWithCompensatoryPauseIsOneEctopicEventAndIsMovedToTheMidpoint() {
        double[] rr = steady(200, 1);
        double s = rr[100] * 0.65;
        double l = rr[101] + rr[100] * 0.35;
        rr[100] = s;
        rr[101] = l;
        CorrectionResult c = new LipponenTarvainenCorrector().correct(RrSeries.fromIntervals(rr));
        assertThat(c.counts()).isEqualTo(new ArtefactCounts(1, 0, 0, 0, 0));
        assertThat(c.nn().rrMs()[100]).isCloseTo((s + l) / 2, within(1e-9));
        assertThat(c.nn().rrMs()[101]).isCloseTo((s + l) / 2, within(1e-9));
        // The following beat keeps its time: total duration is preserved.
        assertThat(c.nn().beatEndMs()[101]).isEqualTo(RrSeries.fromIntervals(rr).beatEndMs()[101]);
    }

    @Test
    void missedBeatIsSplitAndExtraBeatMerged() {
        double[] base = steady(200, 2);
        double[] missed = new double[199];
        for (int i = 0, j = 0; i < 200; i++) {
            if (i == 81) {
                continue;
            }
            missed[j++] = i == 80 ? base[80] + base[81] : base[i];
        }
        CorrectionResult m = new LipponenTarvainenCorrector().correct(RrSeries.fromIntervals(missed));
        assertThat(m.counts().missed()).isEqualTo(1);
        assertThat(m.nn().size()).isEqualTo(200);
        assertThat(m.nn().rrMs()[80]).isCloseTo((base[80] + base[81]) / 2, within(1e-9));

        double[] extra = new double[201];
        for (int i = 0, j = 0; i < 200; i++) {
            if (i == 120) {
                extra[j++] = base[i] * 0.4;
                extra[j++] = base[i] * 0.6;
            } else {
                extra[j++] = base[i];
            }
        }
        CorrectionResult e = new LipponenTarvainenCorrector().correct(RrSeries.fromIntervals(extra));
        assertThat(e.counts().extra()).isEqualTo(1);
        assertThat(e.nn().size()).isEqualTo(200);
        assertThat(e.nn().rrMs()[120]).isCloseTo(base[120], within(1e-9));
    }

    @Test
    void correctsEachGapFreeRunSeparately() {
        double[] rr = steady(100, 3);
        double[] ends = RrSeries.fromIntervals(rr).beatEndMs().clone();
        boolean[] gaps = new boolean[100];
        for (int i = 50; i < 100; i++) {
            ends[i] += 60_000; // a one-minute hole before beat 50
        }
        gaps[50] = true;
        CorrectionResult c = new LipponenTarvainenCorrector().correct(new RrSeries(ends, rr, gaps));
        assertThat(c.counts().total()).isZero();
        assertThat(c.nn().adjacent(50)).isFalse();
        assertThat(c.nn().adjacent(51)).isTrue();
    }

    @Test
    void thresholdFilterReplacesIntervalsFarFromTheLocalMedian() {
        double[] rr = steady(100, 4);
        rr[40] = 1400; // +400 ms: above medium (250 ms at 60 bpm), below very low (450 ms)
        CorrectionResult medium = new ThresholdCorrector(ThresholdCorrector.Level.MEDIUM).correct(RrSeries.fromIntervals(rr));
        assertThat(medium.counts()).isEqualTo(new ArtefactCounts(0, 0, 0, 0, 1));
        assertThat(medium.nn().rrMs()[40]).isCloseTo((rr[39] + rr[41]) / 2, within(1e-9));
        CorrectionResult veryLow = new ThresholdCorrector(ThresholdCorrector.Level.VERY_LOW).correct(RrSeries.fromIntervals(rr));
        assertThat(veryLow.counts().total()).isZero();
    }

    @Test
    void thresholdFloorKeepsQuantisationWigglesOfALowVariabilityHolterOutOfTheCorrections() {
        // nsr001_day: 1/128-s RR, RMSSD ≈ 13 ms. Without the floor the adaptive thresholds drop below the
        // 7.8-ms quantisation step and 23–31 ms wiggles are classified as ectopic beats.
        double[] rr = java.util.Arrays.copyOf(org.equilibrium.analysis.TestData.intervals("nsr001_day"), 500);
        int paperExact = flagged(LipponenTarvainenCorrector.classify(rr, 0));
        int floored = flagged(LipponenTarvainenCorrector.classify(rr));
        assertThat(paperExact).isGreaterThanOrEqualTo(15);
        assertThat(floored).isLessThanOrEqualTo(2);
    }

    private static int flagged(byte[] cls) {
        int n = 0;
        for (byte c : cls) {
            n += c != LipponenTarvainenCorrector.NORMAL ? 1 : 0;
        }
        return n;
    }

    @Test
    void parsesKubiosLevelNames() {
        assertThat(ThresholdCorrector.Level.parse("very-strong")).isEqualTo(ThresholdCorrector.Level.VERY_STRONG);
        assertThat(ThresholdCorrector.Level.parse("medium").thresholdSecondsAt60Bpm()).isEqualTo(0.25);
    }
}
