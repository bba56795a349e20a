package org.equilibrium.session.autonomic;

import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvConfig;
import org.equilibrium.analysis.HrvPanel;
import org.equilibrium.analysis.Quality;
import org.equilibrium.analysis.TestData;
import org.equilibrium.analysis.live.IncrementalHrvAnalyzer;
import org.equilibrium.session.PhaseKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LiveSessionAnalysisTest {
    private static final long T0 = 1_763_740_800_000L;

    /** RR = 1000 ms modulated by breathing at 0.25 Hz (15/min), ±40 ms. */
    private static double rr(double tMs) {
        return 1000 + 40 * Math.sin(2 * Math.PI * 0.25 * tMs / 1000);
    }

    @Test
    void panelsBecomeWindowMetricsWithTheAnalyzersQuality() {
        LiveSessionAnalysis live = new LiveSessionAnalysis(new HrvAnalyzer(HrvConfig.DEFAULT),
                EstimatorSettings.defaults(), T0);
        double t = T0;
        while (t < T0 + 180_000) {
            double r = rr(t - T0);
            t += r;
            live.onBeat(Math.round(t), r);
        }
        // practice without a baseline phase: scored on norms (a baseline phase would still be warming up)
        AutonomicEstimate e = live.tick(T0 + 180_000, PhaseKind.PRACTICE, null, true);
        WindowMetrics m = e.metrics();
        assertThat(e.quality()).isEqualTo(QualityFlag.OK);
        assertThat(m.analyzerQuality()).isEqualTo(QualityFlag.OK);
        assertThat(m.meanHrBpm()).isCloseTo(60, within(0.5));
        assertThat(m.rmssdMs()).isGreaterThan(20);
        assertThat(m.hfMs2()).isGreaterThan(0);
        assertThat(m.respRateBpm()).isCloseTo(15, within(1.0));
        assertThat(m.pnsIndex()).isNotNaN();
        assertThat(m.coverage()).isGreaterThan(0.95);
        assertThat(m.artefactFraction()).isZero();

        assertThat(m.recentMeanHrBpm()).isCloseTo(60, within(0.5));

        // 30 s without beats (strap off), then beats again: the analyzer flags the window, the estimator too
        t += 30_000;
        live.onGap();
        for (int i = 0; i < 10; i++) {
            double r = rr(t - T0);
            t += r;
            live.onBeat(Math.round(t), r);
        }
        AutonomicEstimate after = live.tick(Math.round(t), PhaseKind.PRACTICE, null, true);
        assertThat(after.quality()).isEqualTo(QualityFlag.LOW_COVERAGE);
        assertThat(after.state()).isEqualTo(AutonomicState.UNKNOWN);
        assertThat(after.heldState()).isEqualTo(AutonomicState.BALANCED);
    }

    @Test
    void recentHeartRateFollowsAStepWithinItsWindowWhileTheSixtySecondMeanLags() {
        LiveSessionAnalysis live = new LiveSessionAnalysis(new HrvAnalyzer(HrvConfig.DEFAULT),
                EstimatorSettings.defaults(), T0);
        double t = T0;
        while (t < T0 + 180_000) {
            double r = rr(t - T0);
            t += r;
            live.onBeat(Math.round(t), r);
        }
        // HR 60 → 75 bpm (RR 1000 → 800 ms, same breathing modulation) for the next 35 s
        while (t < T0 + 215_000) {
            double r = rr(t - T0) * 0.8;
            t += r;
            live.onBeat(Math.round(t), r);
        }
        WindowMetrics m = live.tick(T0 + 215_000, PhaseKind.PRACTICE, null, true).metrics();
        assertThat(m.recentMeanHrBpm()).isCloseTo(75, within(1.0));
        // the 60-s window is still a mix of 25 s at 60 bpm and 35 s at 75 bpm
        assertThat(m.meanHrBpm()).isBetween(66.0, 70.0);
    }

    @Test
    void scoredRecentHeartRateIsTheThirtySecondPanelsMeanHeartRateOnARealRecordingWithArtefacts() {
        // rhb_noisy: a real exercise recording with ectopic beats; a 20-s strap drop-out every 10 min as well
        double[] rr = TestData.intervals("rhb_noisy");
        HrvAnalyzer analyzer = new HrvAnalyzer(HrvConfig.DEFAULT);
        LiveSessionAnalysis live = new LiveSessionAnalysis(analyzer, EstimatorSettings.defaults(), T0);
        IncrementalHrvAnalyzer panels = new IncrementalHrvAnalyzer(analyzer, 300, 0, 500);
        double t = T0;
        int i = 0;
        int ok = 0;
        int withheld = 0;
        for (long now = T0 + 5_000; i < rr.length; now += 5_000) {
            while (i < rr.length && t + rr[i] <= now) {
                if (i > 0 && i % 900 == 0) {
                    t += 20_000;
                    live.onGap();
                    panels.markGap();
                }
                t += rr[i];
                live.onBeat(Math.round(t), rr[i]);
                panels.accept(Math.round(t), rr[i]);
                i++;
            }
            WindowMetrics m = live.tick(now, PhaseKind.PRACTICE, null, true).metrics();
            HrvPanel panel = panels.panel(PanelWindows.RECENT_HR_WINDOW_S, now);
            if (panel != null && panel.quality() == Quality.OK) {
                assertThat(m.recentMeanHrBpm()).as("tick %d", now - T0).isEqualTo(panel.time().meanHrBpm());
                ok++;
            } else {
                assertThat(m.recentMeanHrBpm()).as("tick %d", now - T0).isNaN();
                withheld++;
            }
        }
        assertThat(ok).isGreaterThan(300);
        assertThat(withheld).isGreaterThan(10);
    }
}
