package org.equilibrium.session.autonomic;

import org.equilibrium.decode.StimReading;
import org.equilibrium.session.PhaseKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.equilibrium.session.autonomic.AutonomicState.BALANCED;
import static org.equilibrium.session.autonomic.AutonomicState.PARASYMPATHETIC;
import static org.equilibrium.session.autonomic.AutonomicState.SYMPATHETIC;
import static org.equilibrium.session.autonomic.AutonomicState.UNKNOWN;

class AutonomicStateEstimatorTest {
    private static final long T0 = 1_763_740_800_000L;
    /** First window after the 60-s warm-up. */
    private static final long FIRST = T0 + 60_000;
    private static final StimulationContext TENS_ON =
            new StimulationContext(true, StimReading.Modality.TENS, 12_500, "burst");

    /** A clean window whose population balance (PNS − SNS)/2 is exactly {@code score}. */
    private static WindowMetrics scored(long endMs, double score) {
        return new WindowMetrics(endMs, 65, 40, 50, 600, 2, 0.5, 14, score, -score, 1, 0, true, 65);
    }

    private static WindowMetrics metrics(long endMs, double hr, double rmssd, double hf, double lfHf, double resp) {
        return new WindowMetrics(endMs, hr, rmssd, 50, hf, lfHf, 0.5, resp, Double.NaN, Double.NaN, 1, 0, true, 65);
    }

    /** Feeds population-scored practice windows (no baseline) at 5-s cadence, returns the labels. */
    private List<AutonomicState> labels(AutonomicStateEstimator est, double... scores) {
        List<AutonomicState> out = new ArrayList<>();
        for (double s : scores) {
            out.add(est.next(scored(nextTick(est), s), PhaseKind.PRACTICE, null).state());
        }
        return out;
    }

    /** End of the last window fed by {@link #labels}; JUnit makes a fresh instance per test. */
    private long tick = FIRST;

    private long nextTick(AutonomicStateEstimator est) {
        tick += 5_000;
        return tick;
    }

    private AutonomicStateEstimator estimator() {
        tick = FIRST - 5_000;
        return new AutonomicStateEstimator(EstimatorSettings.defaults(), T0);
    }

    @Test
    void firstOkWindowTakesTheZoneOfItsScore() {
        assertThat(labels(estimator(), 1.1)).containsExactly(PARASYMPATHETIC);
        assertThat(labels(estimator(), -1.1)).containsExactly(SYMPATHETIC);
        assertThat(labels(estimator(), 0.9)).containsExactly(BALANCED);
    }

    @Test
    void scoreOscillatingAroundTheEntryThresholdDoesNotFlicker() {
        AutonomicStateEstimator est = estimator();
        double[] scores = new double[60];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i % 2 == 0 ? 1.35 : 1.15;    // around threshold + margin = 1.25
        }
        scores[0] = 0;
        assertThat(labels(est, scores)).containsOnly(BALANCED);
    }

    @Test
    void scoreOscillatingAroundTheExitThresholdDoesNotFlicker() {
        AutonomicStateEstimator est = estimator();
        double[] scores = new double[60];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i % 2 == 0 ? 0.95 : 1.05;    // around the leave threshold 1.0
        }
        scores[0] = 1.5;
        assertThat(labels(est, scores)).containsOnly(PARASYMPATHETIC);
    }

    @Test
    void sustainedShiftFlipsAfterThreeWindows() {
        List<AutonomicState> l = labels(estimator(), 0, 0, 0, 1.3, 1.3, 1.3, 1.3);
        assertThat(l).containsExactly(BALANCED, BALANCED, BALANCED, BALANCED, BALANCED, PARASYMPATHETIC,
                PARASYMPATHETIC);
    }

    @Test
    void leavingNeedsTheLowerThresholdAndPersistence() {
        List<AutonomicState> l = labels(estimator(), 1.5, 1.05, 1.05, 1.05, 1.05, 0.95, 0.95, 0.95);
        assertThat(l).containsExactly(PARASYMPATHETIC, PARASYMPATHETIC, PARASYMPATHETIC, PARASYMPATHETIC,
                PARASYMPATHETIC, PARASYMPATHETIC, PARASYMPATHETIC, BALANCED);
    }

    @Test
    void strongOppositeScoreGoesStraightToTheOtherState() {
        assertThat(labels(estimator(), 1.5, -1.5, -1.5, -1.5))
                .containsExactly(PARASYMPATHETIC, PARASYMPATHETIC, PARASYMPATHETIC, SYMPATHETIC);
    }

    @Test
    void lowQualityWindowsCarryNoLabelAndZeroConfidence() {
        AutonomicStateEstimator est = estimator();
        labels(est, 1.5);
        List<WindowMetrics> bad = List.of(
                new WindowMetrics(FIRST + 5_000, 65, 40, 50, 600, 2, 0.5, 14, 1.5, -1.5, 1, 0, false, 65),
                new WindowMetrics(FIRST + 10_000, 65, 40, 50, 600, 2, 0.5, 14, 1.5, -1.5, 1, 0.2, true, 65),
                new WindowMetrics(FIRST + 15_000, 65, 40, 50, 600, 2, 0.5, 14, 1.5, -1.5, 0.5, 0, null, 30),
                new WindowMetrics(FIRST + 20_000, 65, Double.NaN, 50, 600, 2, 0.5, 14, Double.NaN, Double.NaN,
                        1, 0, true, 65));
        List<QualityFlag> flags = new ArrayList<>();
        for (WindowMetrics m : bad) {
            AutonomicEstimate e = est.next(m, PhaseKind.PRACTICE, TENS_ON);
            assertThat(e.state()).isEqualTo(UNKNOWN);
            assertThat(e.heldState()).isEqualTo(PARASYMPATHETIC);
            assertThat(e.confidence()).isZero();
            assertThat(e.balanceZ()).isNaN();
            assertThat(e.basis()).isEqualTo(ScoreBasis.NONE);
            assertThat(e.stimulation()).isEqualTo(TENS_ON);
            flags.add(e.quality());
        }
        assertThat(flags).containsExactly(QualityFlag.NO_CONTACT, QualityFlag.TOO_MANY_ARTEFACTS,
                QualityFlag.LOW_COVERAGE, QualityFlag.LOW_COVERAGE);
    }

    @Test
    void windowsBeforeTheSixtySecondWindowIsFullAreWarmingUp() {
        AutonomicStateEstimator est = estimator();
        AutonomicEstimate e = est.next(scored(T0 + 55_000, 2), PhaseKind.PRACTICE, null);
        assertThat(e.quality()).isEqualTo(QualityFlag.WARMING_UP);
        assertThat(e.state()).isEqualTo(UNKNOWN);
        assertThat(e.heldState()).isEqualTo(UNKNOWN);
        assertThat(est.next(scored(T0 + 60_000, 2), PhaseKind.PRACTICE, null).quality()).isEqualTo(QualityFlag.OK);
    }

    @Test
    void lowQualityWindowsNeverCountTowardsAChange() {
        AutonomicStateEstimator est = estimator();
        labels(est, 0, 1.5, 1.5);
        AutonomicEstimate lost = est.next(new WindowMetrics(nextTick(est), 65, 40, 50, 600, 2, 0.5, 14, 1.5, -1.5,
                1, 0, false, 65), PhaseKind.PRACTICE, null);
        assertThat(lost.quality()).isEqualTo(QualityFlag.NO_CONTACT);
        // the pending change restarts: two more ok windows are not enough, the third is
        assertThat(labels(est, 1.5, 1.5, 1.5)).containsExactly(BALANCED, BALANCED, PARASYMPATHETIC);
    }

    @Test
    void confidenceIsFullDeepInsideTheZoneWithABaselineAndReducedOnNormsOnly() {
        AutonomicStateEstimator est = estimator();
        AutonomicEstimate e = est.next(scored(FIRST, 0), PhaseKind.PRACTICE, null);
        assertThat(e.basis()).isEqualTo(ScoreBasis.POPULATION);
        assertThat(e.confidence()).isCloseTo(0.6, within(1e-12));   // d = 1, q = 1, b = 0.6
        AutonomicEstimate edge = est.next(scored(FIRST + 5_000, 1.0), PhaseKind.PRACTICE, null);
        assertThat(edge.confidence()).isCloseTo(0.5 * 0.6, within(1e-12));   // on the zone edge: d = 0.5
        AutonomicEstimate noisy = est.next(new WindowMetrics(FIRST + 10_000, 65, 40, 50, 600, 2, 0.5, 14, 0, 0,
                0.9, 0.04, true, 60), PhaseKind.PRACTICE, null);
        // q = 0.9 · (1 − 0.5 · 0.04 / 0.05) = 0.54
        assertThat(noisy.confidence()).isCloseTo(0.54 * 0.6, within(1e-12));
    }

    @Test
    void scoresAgainstThisSessionsBaselineWithHandComputedZScores() {
        AutonomicStateEstimator est = estimator();
        long t = FIRST;
        for (int i = 0; i < 12; i++, t += 5_000) {
            boolean even = i % 2 == 0;
            AutonomicEstimate e = est.next(metrics(t, even ? 62 : 68, even ? 40 : 44, even ? 500 : 700,
                    even ? 1.5 : 2.5, 14), PhaseKind.BASELINE, null);
            // no label from norms alone while the baseline is being recorded; the 12th window completes it
            assertThat(e.basis()).isEqualTo(i < 11 ? ScoreBasis.NONE : ScoreBasis.BASELINE);
            assertThat(e.quality()).isEqualTo(i < 11 ? QualityFlag.WARMING_UP : QualityFlag.OK);
            assertThat(e.state()).isEqualTo(i < 11 ? UNKNOWN : BALANCED);
        }
        // baseline: 6 + 6 values a, b: mean (a+b)/2, sample SD |a−b|/2 · √(12/11)
        double k = Math.sqrt(12.0 / 11.0);
        Baseline b = est.baseline().orElseThrow();
        assertThat(b.windows()).isEqualTo(12);
        assertThat(b.meanHrBpm().mean()).isCloseTo(65, within(1e-9));
        assertThat(b.meanHrBpm().sd()).isCloseTo(3 * k, within(1e-9));
        assertThat(b.lnRmssd().sd()).isCloseTo((Math.log(44) - Math.log(40)) / 2 * k, within(1e-9));

        AutonomicEstimate e = est.next(new WindowMetrics(t, 60, 60, 50, 1200, 1.0, 0.5, 14, 1.0, -0.5, 1, 0,
                true, 60), PhaseKind.PRACTICE, null);
        // SD floors: ln RMSSD 0.15 (its SD 0.0498 is below), HR SD 3.133 is above its 2-bpm floor,
        // ln HF 0.30 (SD 0.176 below), ln LF/HF 0.30 (SD 0.267 below)
        double zRmssd = (Math.log(60) - (Math.log(40) + Math.log(44)) / 2) / 0.15;
        double zHr = (60 - 65) / (3 * k);
        double zHf = (Math.log(1200) - (Math.log(500) + Math.log(700)) / 2) / 0.30;
        double zLfHf = (Math.log(1.0) - (Math.log(1.5) + Math.log(2.5)) / 2) / 0.30;
        double relative = 0.40 * zRmssd + 0.15 * zHf - 0.35 * zHr - 0.10 * zLfHf;   // weights sum to 1
        assertThat(zRmssd).isCloseTo(2.385, within(1e-3));
        assertThat(zHr).isCloseTo(-1.596, within(1e-3));
        assertThat(e.relativeZ()).isCloseTo(relative, within(1e-12));
        assertThat(e.populationZ()).isCloseTo(0.75, within(1e-12));
        // the label is relative to the person's own baseline: the population part is carried, not weighed in
        assertThat(e.balanceZ()).isCloseTo(relative, within(1e-12));
        assertThat(e.balanceScore()).isCloseTo(Math.tanh(e.balanceZ() / 2), within(1e-12));
        assertThat(e.basis()).isEqualTo(ScoreBasis.BASELINE);
    }

    @Test
    void slowBreathingLeavesHfAndLfHfOut() {
        AutonomicStateEstimator est = estimator();
        long t = FIRST;
        for (int i = 0; i < 12; i++, t += 5_000) {
            boolean even = i % 2 == 0;
            est.next(metrics(t, even ? 62 : 68, even ? 40 : 44, even ? 500 : 700, even ? 1.5 : 2.5, 14),
                    PhaseKind.BASELINE, null);
        }
        // resonance breathing at 6/min moves RSA into the LF band: HF power falls, LF/HF soars
        AutonomicEstimate e = est.next(metrics(t, 60, 60, 100, 12, 6), PhaseKind.PRACTICE, null);
        double k = Math.sqrt(12.0 / 11.0);
        double zRmssd = (Math.log(60) - (Math.log(40) + Math.log(44)) / 2) / 0.15;
        double zHr = (60 - 65) / (3 * k);
        assertThat(e.relativeZ()).isCloseTo((0.40 * zRmssd - 0.35 * zHr) / 0.75, within(1e-12));
    }

    @Test
    void aPacerBelowNineBreathsLeavesHfOutEvenWhenTheAnalyzerReportsAnHfBandRate() {
        AutonomicStateEstimator est = estimator();
        long t = FIRST;
        for (int i = 0; i < 12; i++, t += 5_000) {
            boolean even = i % 2 == 0;
            est.next(metrics(t, even ? 62 : 68, even ? 40 : 44, even ? 500 : 700, even ? 1.5 : 2.5, 14),
                    PhaseKind.BASELINE, null);
        }
        // at a 6/min pacer the analyzer's rate (60 × the HF-band peak) still reads 12/min: it cannot go below 9
        WindowMetrics paced = metrics(t, 60, 60, 100, 12, 12);
        double k = Math.sqrt(12.0 / 11.0);
        double zRmssd = (Math.log(60) - (Math.log(40) + Math.log(44)) / 2) / 0.15;
        double zHr = (60 - 65) / (3 * k);
        AutonomicEstimate e = est.next(paced, PhaseKind.PRACTICE, null, 6.0);
        assertThat(e.relativeZ()).isCloseTo((0.40 * zRmssd - 0.35 * zHr) / 0.75, within(1e-12));
        assertThat(e.metrics().respRateBpm()).as("the reported rate stays the analyzer's").isEqualTo(12);
        // without the pacer the same window keeps HF and LF/HF, which pull it towards sympathetic
        assertThat(est.relativeZ(paced)).isLessThan(e.relativeZ() - 0.5);
        // a pacer in the HF band changes nothing
        assertThat(est.relativeZ(paced, 12.0)).isCloseTo(est.relativeZ(paced), within(1e-12));
    }

    @Test
    void rejectsAnImplausiblePacerRate() {
        AutonomicStateEstimator est = estimator();
        assertThatThrownBy(() -> est.next(scored(FIRST, 0), PhaseKind.PRACTICE,
                null, 0.0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pacer rate");
    }

    @Test
    void withoutAnalyzerIndicesThePopulationScoreComesFromNunanNorms() {
        AutonomicStateEstimator est = estimator();
        AutonomicEstimate e = est.next(metrics(FIRST, 60, 60, 600, 2, 14), PhaseKind.PRACTICE, null);
        double pns = ((1000 - 926) / 90.0 + (60 - 42) / 15.0) / 2;
        double hrNorm = 60_000.0 / 926;
        double sns = (60 - hrNorm) / (hrNorm * 90 / 926);
        assertThat(e.populationZ()).isCloseTo((pns - sns) / 2, within(1e-12));
        assertThat(e.populationZ()).isCloseTo(0.886, within(1e-3));
        assertThat(e.relativeZ()).isNaN();
    }

    @Test
    void baselineIsFrozenOncePracticeStarts() {
        AutonomicStateEstimator est = estimator();
        long t = FIRST;
        for (int i = 0; i < 12; i++, t += 5_000) {
            est.next(metrics(t, 65, 40, 600, 2, 14), PhaseKind.BASELINE, null);
        }
        est.next(metrics(t, 80, 20, 600, 2, 14), PhaseKind.PRACTICE, null);
        est.next(metrics(t + 5_000, 80, 20, 600, 2, 14), PhaseKind.BASELINE, null);
        assertThat(est.baseline().orElseThrow().windows()).isEqualTo(12);
        assertThat(est.baseline().orElseThrow().meanHrBpm().mean()).isEqualTo(65);
    }

    /** As {@link #metrics}, with a recent (30-s) mean HR beside the 60-s one. */
    private static WindowMetrics withRecentHr(long endMs, double hr60, double recentHr) {
        return new WindowMetrics(endMs, hr60, 40, 50, 600, 2, 0.5, 14, Double.NaN, Double.NaN, 1, 0, true, 65, null,
                recentHr);
    }

    @Test
    void scoresTheRecentMeanHeartRateWhenTheWindowHasOne() {
        AutonomicStateEstimator est = estimator();
        long t = FIRST;
        for (int i = 0; i < 12; i++, t += 5_000) {
            est.next(withRecentHr(t, 65, 65), PhaseKind.BASELINE, null);
        }
        // the 60-s mean still holds the old rate; the last 30 s already run 6 bpm faster (3 floor SDs);
        // weights sum to 1 with HF in (14/min): relative = −0.35 · 3
        AutonomicEstimate fast = est.next(withRecentHr(t, 65, 71), PhaseKind.PRACTICE, null);
        assertThat(fast.relativeZ()).isCloseTo(-1.05, within(1e-9));
        assertThat(fast.metrics().meanHrBpm()).isEqualTo(65);
        // without a recent figure the 60-s mean is scored
        AutonomicEstimate plain = est.next(metrics(t + 5_000, 71, 40, 600, 2, 14), PhaseKind.PRACTICE, null);
        assertThat(plain.relativeZ()).isCloseTo(-1.05, within(1e-9));
        AutonomicEstimate back = est.next(withRecentHr(t + 10_000, 71, 65), PhaseKind.PRACTICE, null);
        assertThat(back.relativeZ()).isCloseTo(0, within(1e-9));
    }

    @Test
    void rejectsANegativeRecentHeartRate() {
        assertThatThrownBy(() -> withRecentHr(FIRST, 65, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recent mean HR");
    }

    @Test
    void rejectsWindowsOutOfTimeOrder() {
        AutonomicStateEstimator est = estimator();
        est.next(scored(FIRST + 5_000, 0), PhaseKind.PRACTICE, null);
        assertThatThrownBy(() -> est.next(scored(FIRST + 5_000, 0), PhaseKind.PRACTICE, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time order");
    }

    @Test
    void rejectsOutOfRangeWindowValues() {
        assertThatThrownBy(() -> new WindowMetrics(FIRST, 65, 40, 50, 600, 2, 0.5, 14, 0, 0, 1.2, 0, true, 60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coverage");
        assertThatThrownBy(() -> new WindowMetrics(FIRST, -65, 40, 50, 600, 2, 0.5, 14, 0, 0, 1, 0, true, 60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean HR");
    }
}
