package org.equilibrium.decode;

/**
 * TENS / microcurrent telemetry (shared/contracts/mqtt-wire.md, {@code stim}). Nullable fields are
 * absent on the wire.
 */
public record StimReading(long timestampMs, Long seq, Modality modality, State state, String program, int channel,
                          Double frequencyHz, Double pulseWidthUs, Double currentMicroamps, Boolean electrodeOk,
                          Double impedanceOhm, Integer batteryPct, Integer remainingS) implements Reading {

    public enum Modality {
        TENS, MICROCURRENT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum State {
        STOPPED, RAMPING, RUNNING, PAUSED, FAULT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** True while current is delivered to the patient. */
    public boolean delivering() {
        return (state == State.RUNNING || state == State.RAMPING) && currentMicroamps != null && currentMicroamps > 0;
    }
}
