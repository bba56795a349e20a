package org.equilibrium.decode;

/**
 * TENS / microcurrent telemetry (shared/contracts/mqtt-wire.md, {@code stim}). Nullable fields are
 * absent on the wire.
 *
 * @param fault why the device is in {@link State#FAULT}, when the wire says (the binary
 *              {@code sim-tens-telemetry-v1} does, the JSON contract does not): null when unknown
 */
public record StimReading(long timestampMs, Long seq, Modality modality, State state, String program, int channel,
                          Double frequencyHz, Double pulseWidthUs, Double currentMicroamps, Boolean electrodeOk,
                          Double impedanceOhm, Integer batteryPct, Integer remainingS, Fault fault)
        implements Reading {

    /** A reading whose wire format carries no fault code (the JSON contract). */
    public StimReading(long timestampMs, Long seq, Modality modality, State state, String program, int channel,
                       Double frequencyHz, Double pulseWidthUs, Double currentMicroamps, Boolean electrodeOk,
                       Double impedanceOhm, Integer batteryPct, Integer remainingS) {
        this(timestampMs, seq, modality, state, program, channel, frequencyHz, pulseWidthUs, currentMicroamps,
                electrodeOk, impedanceOhm, batteryPct, remainingS, null);
    }

    /** Fault codes of {@code sim-tens-telemetry-v1} (byte 3); {@code NONE} is code 0. */
    public enum Fault {
        NONE, LEAD_OFF, OVER_CURRENT, BATTERY_LOW, HARDWARE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

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
