package org.equilibrium.analysis.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.equilibrium.analysis.HrvAnalyzer;
import org.equilibrium.analysis.HrvConfig;
import org.equilibrium.analysis.HrvPanel;
import org.equilibrium.analysis.TestData;
import org.equilibrium.analysis.nonlinear.Poincare;
import org.equilibrium.analysis.rr.RrSeries;
import org.equilibrium.analysis.rr.RrWindow;
import org.equilibrium.analysis.time.TimeDomain;
import org.junit.jupiter.api.Test;

class IncrementalHrvAnalyzerTest {
    private final HrvAnalyzer analyzer = new HrvAnalyzer(HrvConfig.DEFAULT);

    @Test
    void runningSumsMatchTheBatchComputationForEveryWindowWithGaps() {
        IncrementalHrvAnalyzer live = new IncrementalHrvAnalyzer(analyzer, 300, 5, 500);
        Random rnd = new Random(11);
        double t = 0;
        int beats = 3000;
        double[] ends = new double[beats];
        double[] rr = new double[beats];
        boolean[] gaps = new boolean[beats];
        for (int i = 0; i < beats; i++) {
            double v = 850 + 60 * Math.sin(i / 3.0) + 20 * rnd.nextGaussian();
            boolean gap = i > 0 && rnd.nextInt(200) == 0;
            if (gap) {
                t += 4000; // lost notifications
                live.markGap();
            }
            t += v;
            live.accept(t, v);
            ends[i] = t;
            rr[i] = v;
            gaps[i] = gap;
            if (i > 100 && i % 97 == 0) {
                RrSeries all = new RrSeries(java.util.Arrays.copyOf(ends, i + 1), java.util.Arrays.copyOf(rr, i + 1),
                        java.util.Arrays.copyOf(gaps, i + 1));
                for (double w : new double[] {60, 120, 300}) {
                    RrWindow window = all.window(t - w * 1000, t);
                    TimeDomain batch = TimeDomain.of(window.beats());
                    Poincare poincare = Poincare.of(window.beats());
                    IncrementalHrvAnalyzer.Running run = live.running(w, t);
                    assertThat(run.time().intervals()).isEqualTo(batch.intervals());
                    assertThat(run.time().differences()).isEqualTo(batch.differences());
                    assertThat(run.time().meanNnMs()).isCloseTo(batch.meanNnMs(), within(1e-9));
                    assertThat(run.time().sdnnMs()).isCloseTo(batch.sdnnMs(), within(1e-6));
                    assertThat(run.time().rmssdMs()).isCloseTo(batch.rmssdMs(), within(1e-6));
                    assertThat(run.time().sdsdMs()).isCloseTo(batch.sdsdMs(), within(1e-6));
                    assertThat(run.time().pnn50Pct()).isCloseTo(batch.pnn50Pct(), within(1e-9));
                    assertThat(run.time().pnn20Pct()).isCloseTo(batch.pnn20Pct(), within(1e-9));
                    assertThat(run.time().minNnMs()).isEqualTo(batch.minNnMs());
                    assertThat(run.time().maxNnMs()).isEqualTo(batch.maxNnMs());
                    assertThat(run.sd1Ms()).isCloseTo(poincare.sd1Ms(), within(1e-6));
                    assertThat(run.sd2Ms()).isCloseTo(poincare.sd2Ms(), within(1e-6));
                    assertThat(run.coverage()).isCloseTo(window.coverage(), within(1e-9));
                }
            }
        }
        // Retention: only about 300 s of beats are kept however long the stream runs.
        assertThat(live.retainedBeats()).isBetween(300, 400);
    }

    @Test
    void panelEqualsTheBatchPanelOfTheSameWindow() {
        double[] rr = TestData.intervals("rhb_rest");
        IncrementalHrvAnalyzer live = new IncrementalHrvAnalyzer(analyzer, 300, 0, 500);
        RrSeries series = RrSeries.fromIntervals(rr);
        for (int i = 0; i < 500; i++) {
            live.accept(series.beatEndMs()[i], rr[i]);
        }
        double now = series.beatEndMs()[499] + 300;
        HrvPanel incremental = live.panel(120, now);
        HrvPanel batch = analyzer.analyze(series.window(now - 120_000, now));
        assertThat(incremental).isEqualTo(batch);
        assertThat(incremental.frequency().hfMs2()).isNotNull();
        assertThat(incremental.frequency().vlfMs2()).isNull();
    }

    @Test
    void panelIsRecomputedOnlyOncePerCadence() {
        double[] rr = TestData.intervals("nsr004_night");
        IncrementalHrvAnalyzer live = new IncrementalHrvAnalyzer(analyzer, 300, 5, 500);
        double t = 0;
        int i = 0;
        for (; t < 200_000; i++) {
            t += rr[i];
            live.accept(t, rr[i]);
        }
        HrvPanel first = live.panel(60, t);
        double later = t;
        for (int k = 0; k < 3; k++, i++) {
            later += rr[i];
            live.accept(later, rr[i]);
        }
        assertThat(later - t).isLessThan(5000);
        assertThat(live.panel(60, later)).isSameAs(first);
        HrvPanel next = live.panel(60, t + 5000);
        assertThat(next).isNotSameAs(first);
        assertThat(next.windowEndMs()).isEqualTo(t + 5000);
    }

    @Test
    void aLateBeatStartsANewRunAndLowersCoverage() {
        IncrementalHrvAnalyzer live = new IncrementalHrvAnalyzer(analyzer, 300, 0, 500);
        double t = 0;
        for (int i = 0; i < 30; i++) {
            t += 1000;
            live.accept(t, 1000);
        }
        t += 10_000; // ten silent seconds, then a beat whose start does not meet the previous end
        live.accept(t, 1000);
        IncrementalHrvAnalyzer.Running run = live.running(60, t);
        assertThat(run.time().differences()).isEqualTo(29);
        assertThat(run.coverage()).isCloseTo(31.0 / 60, within(1e-9));
    }

    @Test
    void rejectsBeatsOutOfOrderAndKeepsItsState() {
        IncrementalHrvAnalyzer live = new IncrementalHrvAnalyzer(analyzer);
        live.accept(1000, 1000);
        live.accept(2000, 1000);
        assertThatThrownBy(() -> live.accept(2000, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> live.accept(3000, -5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> live.accept(3000, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(live.retainedBeats()).isEqualTo(2);
        assertThat(live.running(60, 2000).time().rmssdMs()).isEqualTo(0.0);
    }

    @Test
    void emptyWindowGivesNoPanel() {
        IncrementalHrvAnalyzer live = new IncrementalHrvAnalyzer(analyzer);
        assertThat(live.panel(60, 1000)).isNull();
        assertThat(live.running(60, 1000).time()).isNull();
    }
}
