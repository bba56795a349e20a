package org.equilibrium.session.stimulation;

import java.util.Objects;

/**
 * What a caller asks of a stimulator. Absent values are null. {@code start} needs current and frequency (and pulse
 * width when the device's envelope has one); {@code set} changes one or more of them; {@code stop} takes none.
 *
 * @param currentMicroamps amplitude, whole µA
 * @param frequencyHz      pulse repetition frequency
 * @param pulseWidthUs     pulse width
 */
public record CommandRequest(StimOp op, Long currentMicroamps, Double frequencyHz, Double pulseWidthUs) {
    public CommandRequest {
        Objects.requireNonNull(op, "op");
    }

    public static CommandRequest stop() {
        return new CommandRequest(StimOp.STOP, null, null, null);
    }
}
