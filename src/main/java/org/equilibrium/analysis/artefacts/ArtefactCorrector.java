package org.equilibrium.analysis.artefacts;

import org.equilibrium.analysis.rr.RrSeries;

/** Turns an RR series into an NN series. Implementations are stateless and thread-safe. */
public interface ArtefactCorrector {
    CorrectionResult correct(RrSeries rr);

    /** The identity: reports no artefacts. */
    ArtefactCorrector NONE = CorrectionResult::unchanged;
}
