package org.equilibrium.analysis.artefacts;

import java.util.Arrays;
import org.equilibrium.analysis.rr.RrSeries;

/** Growable arrays for building a corrected series. */
final class SeriesBuilder {
    private double[] ends;
    private double[] rr;
    private boolean[] gap;
    private int size;

    SeriesBuilder(int capacity) {
        ends = new double[Math.max(4, capacity)];
        rr = new double[ends.length];
        gap = new boolean[ends.length];
    }

    void add(double endMs, double rrMs, boolean gapBefore) {
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, size * 2);
            rr = Arrays.copyOf(rr, size * 2);
            gap = Arrays.copyOf(gap, size * 2);
        }
        // A correction can never reorder beats; guard the invariant against float noise.
        if (size > 0 && endMs <= ends[size - 1]) {
            endMs = Math.nextUp(ends[size - 1]);
        }
        ends[size] = endMs;
        rr[size] = rrMs;
        gap[size] = gapBefore;
        size++;
    }

    RrSeries build() {
        return new RrSeries(Arrays.copyOf(ends, size), Arrays.copyOf(rr, size), Arrays.copyOf(gap, size));
    }
}
