package org.equilibrium.session;

import org.equilibrium.decode.StimReading;

/**
 * One stimulator telemetry point as the session sees it: was current delivered, and how much.
 *
 * @param currentMicroamps output amplitude; 0 whenever {@code on} is false
 */
public record StimulationSample(long timestampMs, boolean on, double currentMicroamps) {
    public StimulationSample {
        if (!(currentMicroamps >= 0 && currentMicroamps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("current must be finite and >= 0 µA, got " + currentMicroamps);
        }
        if (!on) {
            currentMicroamps = 0;
        }
    }

    public static StimulationSample of(StimReading reading) {
        boolean on = reading.delivering();
        return new StimulationSample(reading.timestampMs(), on, on ? reading.currentMicroamps() : 0);
    }
}
