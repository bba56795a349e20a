package org.equilibrium.session.summary;

import org.equilibrium.session.PhaseKind;

/**
 * What happened in one phase. Metric means are over quality-ok windows only and NaN when there were none
 * (or the metric was never available); they are means of the analyzer's 60-s (HF, LF/HF: spectral window)
 * values at 5-s cadence, not one analysis of the whole phase.
 *
 * @param artefactFraction mean fraction of corrected beats over windows that had beats
 * @param coverage         mean beat coverage over all windows of the phase
 * @param beats            raw beats that ended in the phase
 */
public record PhaseSummary(PhaseKind kind, long startMs, long endMs, int windows, int okWindows, double meanHrBpm,
                           double rmssdMs, double sdnnMs, double hfMs2, double lfHf, double pnsIndex,
                           double snsIndex, double coherence, double respRateBpm, double balanceZ,
                           StateTimes stateTimes, StimulationDose stimulation, double artefactFraction,
                           double coverage, int beats) {

    public long durationMs() {
        return endMs - startMs;
    }
}
