package org.equilibrium.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.equilibrium.analysis.rr.RrSeries;
import org.equilibrium.analysis.rr.RrWindow;
import org.junit.jupiter.api.Test;

class HrvAnalyzerTest {
    private final HrvAnalyzer analyzer = new HrvAnalyzer(HrvConfig.DEFAULT);

    private HrvPanel first300s(String name) {
        return analyzer.analyze(RrSeries.fromIntervals(TestData.intervals(name)).window(0, 300_000));
    }

    @Test
    void pvcLadenRecordingIsFlaggedUnreliableAndGetsNoAutonomicState() {
        HrvPanel p = first300s("polar_h10_pvc");
        assertThat(p.quality()).isEqualTo(Quality.TOO_MANY_ARTEFACTS);
        assertThat(p.autonomic()).isNull();
        assertThat(p.coherence()).isNull();
        assertThat(p.notes()).anyMatch(n -> n.contains("too many artefacts"));
        // Sustained trigeminy inflates the adaptive thresholds, so few beats are corrected; the residual
        // irregularity is what gives it away.
        assertThat(p.irregularPct()).isGreaterThan(50);
    }

    @Test
    void cleanRestingRecordingIsTrustedWithAParasympatheticLean() {
        HrvPanel p = first300s("nsr004_night");
        assertThat(p.quality()).isEqualTo(Quality.OK);
        assertThat(p.autonomic().pnsIndex()).isGreaterThan(0);
        assertThat(p.autonomic().snsIndex()).isLessThan(0);
        assertThat(p.coherence()).isNotNull();
    }

    @Test
    void activeHolterSegmentLeansSympathetic() {
        HrvPanel p = first300s("nsr001_day");
        assertThat(p.quality()).isEqualTo(Quality.OK);
        assertThat(p.autonomic().pnsIndex()).isLessThan(-1);
        assertThat(p.autonomic().snsIndex()).isGreaterThan(1);
    }

    @Test
    void windowPastTheLastBeatIsLowCoverage() {
        // rhb_rest lasts 963 s; (800 s, 1100 s] holds only ~163 s of beats.
        HrvPanel p = analyzer.analyze(RrSeries.fromIntervals(TestData.intervals("rhb_rest")).window(800_000, 1_100_000));
        assertThat(p.quality()).isEqualTo(Quality.LOW_COVERAGE);
        assertThat(p.coverage()).isBetween(0.5, 0.6);
        assertThat(p.autonomic()).isNull();
    }

    @Test
    void shortWindowNullsWhatItCannotSupportAndSaysWhy() {
        HrvPanel p = analyzer.analyze(RrSeries.fromIntervals(TestData.intervals("rhb_rest")).window(0, 30_000));
        assertThat(p.time().rmssdMs()).isNotNull();
        assertThat(p.frequency().hfMs2()).isNull();
        assertThat(p.frequency().lfMs2()).isNull();
        assertThat(p.dfaAlpha2()).isNull();
        assertThat(p.notes()).anyMatch(n -> n.startsWith("HF needs 60 s"));
    }

    @Test
    void meanHeartRateAloneEqualsThePanelsMeanHeartRateAndQualityOnEveryWindow() {
        // Recordings with ectopic beats, pauses and artefacts: every 30-s window, stepped by 5 s like the live tick
        int corrected = 0;
        Set<Quality> seen = EnumSet.noneOf(Quality.class);
        for (String name : new String[] {"rhb_noisy", "chf204_ectopic", "chf202_pauses", "polar_h10_pvc"}) {
            RrSeries rr = RrSeries.fromIntervals(TestData.intervals(name));
            double last = rr.beatEndMs()[rr.size() - 1];
            for (double end = 30_000; end <= last + 20_000; end += 5_000) {
                RrWindow w = rr.window(end - 30_000, end);
                if (w.beats().size() == 0) {
                    continue;
                }
                HrvPanel panel = analyzer.analyze(w);
                HrvAnalyzer.MeanHeartRate hr = analyzer.meanHeartRate(w);
                assertThat(hr.meanHrBpm()).as("%s at %.0f ms", name, end).isEqualTo(panel.time().meanHrBpm());
                assertThat(hr.quality()).as("%s at %.0f ms", name, end).isEqualTo(panel.quality());
                seen.add(hr.quality());
                if (panel.correctedBeats() > 0) {
                    corrected++;
                }
            }
        }
        // the comparison covered corrected windows (raw and corrected mean HR differ there) and every quality
        assertThat(corrected).isGreaterThan(20);
        assertThat(seen).containsExactlyInAnyOrder(Quality.values());
    }
}
