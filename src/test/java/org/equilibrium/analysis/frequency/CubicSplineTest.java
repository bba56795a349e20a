package org.equilibrium.analysis.frequency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CubicSplineTest {

    private static double cubic(double t) {
        return 2 - 0.5 * t + 0.3 * t * t - 0.04 * t * t * t;
    }

    @Test
    void notAKnotReproducesACubicExactlyOnUnevenKnots() {
        // A not-a-knot spline is exact for cubics (natural or clamped-zero splines are not).
        double[] x = {0, 0.7, 1.1, 2.5, 3.0, 4.2, 5.9, 6.3, 8.0};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = cubic(x[i]);
        }
        CubicSpline s = new CubicSpline(x, y);
        for (double t = 0; t <= 8.0; t += 0.05) {
            assertThat(s.value(t)).as("t=%f", t).isCloseTo(cubic(t), within(1e-10));
        }
        double[] grid = new double[33];
        s.sampleUniform(0, 0.25, grid.length, grid);
        for (int k = 0; k < grid.length; k++) {
            assertThat(grid[k]).isCloseTo(cubic(k * 0.25), within(1e-10));
        }
    }

    @Test
    void fourKnotsAreTheInterpolatingCubic() {
        double[] x = {0, 1, 3, 4};
        double[] y = {cubic(0), cubic(1), cubic(3), cubic(4)};
        CubicSpline s = new CubicSpline(x, y);
        assertThat(s.value(2)).isCloseTo(cubic(2), within(1e-12));
    }

    @Test
    void threeKnotsAreTheInterpolatingParabola() {
        // y = 1 + 2t − t² through t = 0, 1, 3 (scipy's not-a-knot with 3 points does the same).
        CubicSpline s = new CubicSpline(new double[] {0, 1, 3}, new double[] {1, 2, -2});
        assertThat(s.value(2)).isCloseTo(1, within(1e-12));
        assertThat(s.value(0.5)).isCloseTo(1.75, within(1e-12));
    }

    @Test
    void matchesScipyOnAnIrregularSeries() {
        // scipy.interpolate.CubicSpline([0,1,2.5,3,4.5,6],[800,850,790,900,820,860])(t) — values printed by
        // scipy 1.17.1 for t = 0.5, 1.7, 2.9, 4.0, 5.5.
        CubicSpline s = new CubicSpline(new double[] {0, 1, 2.5, 3, 4.5, 6}, new double[] {800, 850, 790, 900, 820, 860});
        double[] t = {0.5, 1.7, 2.9, 4.0, 5.5};
        double[] expected = {870.1083333333333, 773.4097333333333, 879.8727333333334, 894.061111111111, 757.4236111111111};
        for (int i = 0; i < t.length; i++) {
            assertThat(s.value(t[i])).isCloseTo(expected[i], within(1e-9));
        }
    }
}
