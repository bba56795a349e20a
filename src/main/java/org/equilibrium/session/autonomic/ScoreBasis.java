package org.equilibrium.session.autonomic;

import java.util.Locale;

/** What a balance score was measured against. */
public enum ScoreBasis {
    /** This session's baseline phase (with a small population share, see {@link EstimatorSettings}). */
    BASELINE,
    /** Population norms only: no usable baseline yet. */
    POPULATION,
    /** No score: the window's quality is not ok. */
    NONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
