package org.equilibrium.session.summary;

/**
 * Time a phase spent in each state (quality-ok windows only) and with each kind of low quality. Every 5-s
 * estimate stands for one cadence of time.
 */
public record StateTimes(long sympatheticMs, long balancedMs, long parasympatheticMs, long noContactMs,
                         long warmingUpMs, long tooManyArtefactsMs, long lowCoverageMs) {

    /** Time with a label. */
    public long okMs() {
        return sympatheticMs + balancedMs + parasympatheticMs;
    }

    /** Time without a label, whatever the cause. */
    public long lowQualityMs() {
        return noContactMs + warmingUpMs + tooManyArtefactsMs + lowCoverageMs;
    }
}
