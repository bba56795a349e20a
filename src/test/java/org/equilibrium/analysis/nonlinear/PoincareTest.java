package org.equilibrium.analysis.nonlinear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equilibrium.analysis.rr.RrSeries;
import org.junit.jupiter.api.Test;

class PoincareTest {

    @Test
    void handComputedSmallCase() {
        // Pairs (800,850) (850,780) (780,900) (900,820):
        // differences −50 70 −120 80 (mean −5, Σ dev² = 28100); sums 1650 1630 1680 1720 (mean 1670, Σ dev² = 4600).
        Poincare p = Poincare.of(RrSeries.fromIntervals(new double[] {800, 850, 780, 900, 820}));
        assertThat(p.pairs()).isEqualTo(4);
        assertThat(p.sd1Ms()).isCloseTo(Math.sqrt(28100 / 3.0 / 2), within(1e-9));
        assertThat(p.sd2Ms()).isCloseTo(Math.sqrt(4600 / 3.0 / 2), within(1e-9));
        assertThat(p.sd1Sd2()).isCloseTo(Math.sqrt(28100.0 / 4600), within(1e-9));
    }

    @Test
    void sd2ByDefinitionDiffersFromTheSdnnShortcutOnShortSeries() {
        double[] rr = {800, 850, 780, 900, 820};
        Poincare p = Poincare.of(RrSeries.fromIntervals(rr));
        double sdnn2 = 8800 / 4.0;
        double shortcut = Math.sqrt(2 * sdnn2 - p.sd1Ms() * p.sd1Ms());
        assertThat(Math.abs(p.sd2Ms() - shortcut)).isGreaterThan(1.0);
    }

    @Test
    void needsTwoAdjacentPairs() {
        assertThat(Poincare.of(RrSeries.fromIntervals(new double[] {800, 850}))).isNull();
    }
}
