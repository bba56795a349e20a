package org.equilibrium.analysis.rr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RrSeriesTest {

    @Test
    void beatEndsAreTheCumulativeSumOfIntervals() {
        RrSeries s = RrSeries.fromIntervals(new double[] {800, 900, 1000});
        assertThat(s.beatEndMs()).containsExactly(800, 1700, 2700);
        assertThat(s.adjacent(1)).isTrue();
        assertThat(s.adjacent(0)).isFalse();
    }

    @Test
    void windowHoldsIntervalsEndingAfterStartUpToAndIncludingEnd() {
        RrSeries s = RrSeries.fromIntervals(new double[] {1000, 1000, 1000, 1000, 1000});
        RrWindow w = s.window(1000, 3000);
        // ends 1000 (excluded: not > start), 2000, 3000 (included: <= end)
        assertThat(w.beats().beatEndMs()).containsExactly(2000, 3000);
        assertThat(w.beats().adjacent(0)).isFalse();
        assertThat(w.beats().adjacent(1)).isTrue();
        assertThat(w.coverage()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void coverageCountsOnlyTheTimeCoveredByBeatsInsideTheWindow() {
        // Beats at 1..3 s, then a 4-s hole, then beats ending at 8 and 9 s.
        double[] ends = {1000, 2000, 3000, 8000, 9000};
        double[] rr = {1000, 1000, 1000, 1000, 1000};
        boolean[] gaps = {false, false, false, true, false};
        RrWindow w = new RrSeries(ends, rr, gaps).window(0, 10000);
        assertThat(w.coverage()).isCloseTo(0.5, within(1e-12));
        // A window reaching past the last beat is not fully covered either.
        RrWindow tail = RrSeries.fromIntervals(new double[] {1000, 1000}).window(0, 4000);
        assertThat(tail.coverage()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void firstIntervalStartingBeforeTheWindowIsClipped() {
        RrWindow w = RrSeries.fromIntervals(new double[] {1000, 1000, 1000}).window(1500, 3000);
        assertThat(w.beats().size()).isEqualTo(2);
        assertThat(w.coverage()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rejectsNonPositiveIntervalsAndNonIncreasingTimes() {
        assertThatThrownBy(() -> RrSeries.fromIntervals(new double[] {800, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RrSeries(new double[] {1000, 1000}, new double[] {800, 800}, new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increasing");
    }
}
