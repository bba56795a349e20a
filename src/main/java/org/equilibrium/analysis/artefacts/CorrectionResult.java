package org.equilibrium.analysis.artefacts;

import org.equilibrium.analysis.rr.RrSeries;

/**
 * The NN series after artefact correction and what was done to get it.
 *
 * @param nn             corrected series (beat count changes when missed beats are split or extra beats merged)
 * @param counts         corrected artefacts per class
 * @param originalBeats  number of intervals before correction
 */
public record CorrectionResult(RrSeries nn, ArtefactCounts counts, int originalBeats) {

    /** Corrected artefacts as a fraction of the original intervals (0 when there were none). */
    public double correctedFraction() {
        return originalBeats == 0 ? 0 : (double) counts.total() / originalBeats;
    }

    public static CorrectionResult unchanged(RrSeries rr) {
        return new CorrectionResult(rr, ArtefactCounts.NONE, rr.size());
    }
}
