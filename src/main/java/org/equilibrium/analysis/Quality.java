package org.equilibrium.analysis;

/** How far a panel can be trusted. */
public enum Quality {
    /** Enough coverage, few artefacts, a sinus-like rhythm after correction. */
    OK("ok"),
    /** The beats cover less of the window than {@link HrvConfig#minCoverage()}. */
    LOW_COVERAGE("low-coverage"),
    /**
     * More than {@link HrvConfig#maxArtefactFraction()} of the intervals were corrected, or after correction
     * more than {@link HrvConfig#maxIrregularFraction()} of the successive intervals still jump by &gt; 20 %
     * (ectopy the corrector could not separate from the rhythm, e.g. sustained bigeminy/trigeminy).
     */
    TOO_MANY_ARTEFACTS("too-many-artefacts");

    private final String label;

    Quality(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
