package org.equilibrium.analysis.artefacts;

import java.util.Arrays;
import java.util.Locale;
import org.equilibrium.analysis.rr.RrSeries;

/**
 * The plain threshold filter of Kubios HRV ("very low" … "very strong"): an interval is an artefact when
 * it differs from the local median (11 beats, centred) by more than the level's threshold, given in
 * seconds at 60 bpm and scaled by the series' mean RR / 1000 ms (so it tightens at higher heart rates).
 * Levels per the Kubios HRV user's guide: very low 0.45 s, low 0.35 s, medium 0.25 s, strong 0.15 s,
 * very strong 0.05 s. Flagged intervals are replaced by linear interpolation between the nearest
 * unflagged neighbours (Kubios uses a cubic spline), within each gap-free run; counts go to
 * {@link ArtefactCounts#threshold()}.
 */
public final class ThresholdCorrector implements ArtefactCorrector {

    public enum Level {
        VERY_LOW(0.45), LOW(0.35), MEDIUM(0.25), STRONG(0.15), VERY_STRONG(0.05);

        final double thresholdSecondsAt60Bpm;

        Level(double s) {
            this.thresholdSecondsAt60Bpm = s;
        }

        public double thresholdSecondsAt60Bpm() {
            return thresholdSecondsAt60Bpm;
        }

        /** Parses "medium", "very-strong", "VERY_STRONG". */
        public static Level parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private final Level level;

    public ThresholdCorrector(Level level) {
        this.level = level;
    }

    @Override
    public CorrectionResult correct(RrSeries rr) {
        int n = rr.size();
        if (n == 0) {
            return CorrectionResult.unchanged(rr);
        }
        double mean = Arrays.stream(rr.rrMs()).average().orElse(1000);
        double thresholdMs = level.thresholdSecondsAt60Bpm * 1000 * (mean / 1000);
        double[] v = rr.rrMs().clone();
        int flaggedCount = 0;
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && rr.adjacent(end)) {
                end++;
            }
            double[] run = Arrays.copyOfRange(v, start, end);
            double[][] med = new double[1][run.length];
            SlidingQuantiles.compute(run, 5, new double[] {0.5}, med);
            boolean[] flagged = new boolean[run.length];
            for (int i = 0; i < run.length; i++) {
                flagged[i] = Math.abs(run[i] - med[0][i]) > thresholdMs;
            }
            for (int i = 0; i < run.length; i++) {
                if (flagged[i]) {
                    flaggedCount++;
                    v[start + i] = LipponenTarvainenCorrector.interpolateFromNeighbours(run, flagged, i);
                }
            }
            start = end;
        }
        RrSeries nn = new RrSeries(rr.beatEndMs(), v, rr.gapBefore());
        return new CorrectionResult(nn, new ArtefactCounts(0, 0, 0, 0, flaggedCount), n);
    }
}
