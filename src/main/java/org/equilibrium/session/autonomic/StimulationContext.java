package org.equilibrium.session.autonomic;

import org.equilibrium.decode.StimReading;

/**
 * The stimulation the patient receives at the time of an estimate, carried with every estimate so that a
 * reader never sees a state without knowing whether current was flowing.
 *
 * @param on               true while current is delivered
 * @param modality         TENS or microcurrent, null when no stimulator is in use
 * @param currentMicroamps output amplitude, 0 when off
 * @param program          device program name, or null
 */
public record StimulationContext(boolean on, StimReading.Modality modality, double currentMicroamps, String program) {
    private static final StimulationContext NONE = new StimulationContext(false, null, 0, null);

    public StimulationContext {
        if (!(currentMicroamps >= 0 && currentMicroamps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("current must be finite and >= 0 µA, got " + currentMicroamps);
        }
        if (!on) {
            currentMicroamps = 0;
        }
    }

    /** No stimulator, or none delivering. */
    public static StimulationContext none() {
        return NONE;
    }

    /** From the latest telemetry of a stimulator. */
    public static StimulationContext of(StimReading reading) {
        boolean delivering = reading.delivering();
        return new StimulationContext(delivering, reading.modality(),
                delivering ? reading.currentMicroamps() : 0, reading.program());
    }
}
