package org.equilibrium.device.profile;

import org.equilibrium.decode.StimReading.Modality;

/**
 * The limits within which the service may drive a stimulator (commands are checked against them before they
 * are sent; telemetry outside them is flagged). Values come from the profile file, which cites their source.
 *
 * @param modality           TENS (mA range) or microcurrent (µA range)
 * @param currentMicroamps   output amplitude range, µA
 * @param frequencyHz        pulse repetition frequency range, Hz
 * @param pulseWidthUs       pulse width range, µs; null for microcurrent devices that do not set one
 * @param maxRampMicroampsPerS fastest allowed amplitude increase, µA/s
 * @param maxSessionS        longest session, s
 */
public record SafetyEnvelope(Modality modality, Range currentMicroamps, Range frequencyHz, Range pulseWidthUs,
                             double maxRampMicroampsPerS, int maxSessionS) {

    /** A closed interval {@code [min, max]}. */
    public record Range(double min, double max) {
        public Range {
            if (!(min <= max)) {
                throw new IllegalArgumentException("min " + min + " > max " + max);
            }
        }

        public boolean contains(double v) {
            return v >= min && v <= max;
        }
    }
}
