package org.equilibrium.sim.heart;

/** Origin of a beat in the generated series: sinus rhythm, or an ectopic beat and its compensatory pause. */
public enum BeatKind {
    SINUS,
    /** A premature (ectopic) beat: short RR. */
    ECTOPIC,
    /** The RR after an ectopic beat: the compensatory pause. */
    COMPENSATORY
}
