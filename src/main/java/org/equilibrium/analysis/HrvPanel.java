package org.equilibrium.analysis;

import java.util.List;
import org.equilibrium.analysis.artefacts.ArtefactCounts;
import org.equilibrium.analysis.autonomic.AutonomicIndices;
import org.equilibrium.analysis.autonomic.BaevskyStressIndex;
import org.equilibrium.analysis.frequency.FrequencyDomain;
import org.equilibrium.analysis.nonlinear.Poincare;
import org.equilibrium.analysis.time.TimeDomain;

/**
 * Everything the product shows for one window. Metric groups and metrics are null when the window cannot
 * support them; {@link #notes()} says why, in plain words.
 *
 * @param windowStartMs   the window is (start, end] on the series' time axis
 * @param beats           RR intervals in the window before correction
 * @param nnIntervals     intervals after correction (splits and merges change the count)
 * @param durationS       sum of the window's RR intervals, s
 * @param coverage        fraction of the window covered by beats, 0..1
 * @param irregularPct    % of adjacent NN pairs still differing by &gt; 20 % after correction
 * @param autonomic       PNS/SNS indices vs the population reference; null unless quality is OK
 * @param coherence       null unless quality is OK
 */
public record HrvPanel(double windowStartMs, double windowEndMs, int beats, int nnIntervals, double durationS,
                       double coverage, Quality quality, ArtefactCounts artefacts, double irregularPct,
                       HrvConfig.SpectralMethod method, TimeDomain time, FrequencyDomain frequency,
                       Poincare poincare, Double dfaAlpha1, Double dfaAlpha2, BaevskyStressIndex baevsky,
                       AutonomicIndices autonomic, Double coherence, List<String> notes) {

    public int correctedBeats() {
        return artefacts.total();
    }
}
