package org.equilibrium.sim.heart;

/**
 * One heart beat: the RR interval that ends with it.
 *
 * @param endMs time of the R peak, virtual milliseconds since the simulation start
 * @param rrMs  the interval from the previous R peak
 * @param kind  sinus or artefactual origin
 */
public record Beat(double endMs, double rrMs, BeatKind kind) {
}
