package org.equilibrium.session.summary;

/**
 * Stimulation delivered in a phase.
 *
 * @param chargeMicroampSeconds ∫ current dt over the phase, µA·s (trapezoid between telemetry points)
 * @param onMs                  time with current above zero
 * @param telemetryGapMs        phase time between telemetry points further apart than the allowed gap: not
 *                              integrated, because what the stimulator did then is unknown
 */
public record StimulationDose(double chargeMicroampSeconds, long onMs, long telemetryGapMs) {
    public static final StimulationDose NONE = new StimulationDose(0, 0, 0);

    /** The same dose in mA·min, the unit therapists use: µA·s / 1000 / 60. */
    public double milliampMinutes() {
        return chargeMicroampSeconds / 1000.0 / 60.0;
    }
}
