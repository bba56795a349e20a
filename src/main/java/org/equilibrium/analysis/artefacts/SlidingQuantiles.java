package org.equilibrium.analysis.artefacts;

import java.util.Arrays;

/**
 * Centred moving quantiles: for each index i, quantiles of {@code values[i - h .. i + h]} truncated at
 * the ends (pandas {@code rolling(2h + 1, center=True, min_periods=1).quantile(q)}, linear interpolation
 * between order statistics). A sorted copy of the window slides along, so each step costs O(window).
 */
final class SlidingQuantiles {
    private SlidingQuantiles() {
    }

    /** Fills {@code out[k][i]} with quantile {@code qs[k]} of the window around i. */
    static void compute(double[] values, int halfWidth, double[] qs, double[][] out) {
        int n = values.length;
        double[] sorted = new double[Math.min(n, 2 * halfWidth + 1)];
        int size = 0;
        int lo = 0;
        int hi = -1; // window currently holds values[lo..hi]
        for (int i = 0; i < n; i++) {
            int wantLo = Math.max(0, i - halfWidth);
            int wantHi = Math.min(n - 1, i + halfWidth);
            while (lo < wantLo) {
                size = remove(sorted, size, values[lo]);
                lo++;
            }
            while (hi < wantHi) {
                hi++;
                size = insert(sorted, size, values[hi]);
            }
            for (int k = 0; k < qs.length; k++) {
                out[k][i] = quantileOfSorted(sorted, size, qs[k]);
            }
        }
    }

    static double quantileOfSorted(double[] sorted, int size, double q) {
        double pos = q * (size - 1);
        int below = (int) Math.floor(pos);
        int above = Math.min(below + 1, size - 1);
        double frac = pos - below;
        return sorted[below] + (sorted[above] - sorted[below]) * frac;
    }

    private static int insert(double[] sorted, int size, double v) {
        int at = Arrays.binarySearch(sorted, 0, size, v);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = v;
        return size + 1;
    }

    private static int remove(double[] sorted, int size, double v) {
        int at = Arrays.binarySearch(sorted, 0, size, v);
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        return size - 1;
    }
}
