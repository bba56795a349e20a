package org.equilibrium.analysis.rr;

/**
 * The beats of one analysis window {@code (startMs, endMs]} and how much of it they cover.
 *
 * @param beats    the intervals whose end lies in the window (the first one starts a new run)
 * @param coverage fraction of the window's duration covered by those intervals, 0..1: interval i covers
 *                 {@code [beatEndMs[i] - rrMs[i], beatEndMs[i]]} clipped to the window. Gaps and a window
 *                 reaching past the last beat lower it.
 */
public record RrWindow(RrSeries beats, double startMs, double endMs, double coverage) {

    public static RrWindow of(RrSeries beats, double startMs, double endMs) {
        double covered = 0;
        double[] ends = beats.beatEndMs();
        double[] rr = beats.rrMs();
        double previousEnd = startMs;
        for (int i = 0; i < rr.length; i++) {
            // Clip to the window and to the previous interval's end so overlapping data never counts twice.
            double begin = Math.max(Math.max(ends[i] - rr[i], startMs), previousEnd);
            double end = Math.min(ends[i], endMs);
            if (end > begin) {
                covered += end - begin;
            }
            previousEnd = Math.max(previousEnd, end);
        }
        return new RrWindow(beats, startMs, endMs, Math.min(1.0, covered / (endMs - startMs)));
    }

    public double durationMs() {
        return endMs - startMs;
    }
}
