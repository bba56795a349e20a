package org.equilibrium.analysis.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equilibrium.analysis.rr.RrSeries;
import org.junit.jupiter.api.Test;

class TimeDomainTest {
    // rr = 800 850 780 900 820: mean 830, deviations −30 20 −50 70 −10 (Σ² = 8800),
    // ΔRR = 50 −70 120 −80 (Σ² = 28200, mean 5, Σ(Δ−5)² = 28100).
    private static final double[] RR = {800, 850, 780, 900, 820};

    @Test
    void handComputedSmallCase() {
        TimeDomain t = TimeDomain.of(RrSeries.fromIntervals(RR));
        assertThat(t.meanNnMs()).isCloseTo(830, within(1e-12));
        assertThat(t.sdnnMs()).isCloseTo(Math.sqrt(8800 / 4.0), within(1e-12));
        assertThat(t.rmssdMs()).isCloseTo(Math.sqrt(28200 / 4.0), within(1e-12));
        assertThat(t.sdsdMs()).isCloseTo(Math.sqrt(28100 / 3.0), within(1e-12));
        // |Δ| strictly > 50: 70, 120, 80 (the 50 does not count) → 3 of N = 5 intervals.
        assertThat(t.pnn50Pct()).isCloseTo(60, within(1e-12));
        assertThat(t.pnn20Pct()).isCloseTo(80, within(1e-12));
        assertThat(t.meanHrBpm()).isCloseTo(60000 / 830.0, within(1e-12));
        assertThat(t.minNnMs()).isEqualTo(780);
        assertThat(t.maxNnMs()).isEqualTo(900);
    }

    @Test
    void successiveDifferencesNeverSpanAGap() {
        double[] ends = {800, 1650, 2430, 10000, 10820};
        boolean[] gaps = {false, false, false, true, false};
        TimeDomain t = TimeDomain.of(new RrSeries(ends, RR, gaps));
        // Pairs: (800,850) (850,780) (900,820) → Δ 50 −70 −80.
        assertThat(t.differences()).isEqualTo(3);
        assertThat(t.rmssdMs()).isCloseTo(Math.sqrt((2500 + 4900 + 6400) / 3.0), within(1e-12));
        assertThat(t.pnn50Pct()).isCloseTo(100 * 2 / 5.0, within(1e-12));
        // SDNN uses all intervals regardless of gaps.
        assertThat(t.sdnnMs()).isCloseTo(Math.sqrt(8800 / 4.0), within(1e-12));
    }

    @Test
    void singleIntervalHasMeanButNoVariability() {
        TimeDomain t = TimeDomain.of(RrSeries.fromIntervals(new double[] {1000}));
        assertThat(t.meanHrBpm()).isCloseTo(60, within(1e-12));
        assertThat(t.sdnnMs()).isNull();
        assertThat(t.rmssdMs()).isNull();
        assertThat(t.pnn50Pct()).isNull();
        assertThat(TimeDomain.of(RrSeries.fromIntervals(new double[0]))).isNull();
    }
}
