package org.equilibrium.session.stimulation;

import java.util.Objects;

/**
 * A command as it goes on the wire: {@code biofeedback/v1/{deviceId}/cmd}, JSON
 * {@code {"id","op","current_ua","frequency_hz","pulse_width_us"}} (shared/contracts/mqtt-wire.md). Only
 * {@link StimulationGuard} creates the ones that reach a device.
 */
public record WireCommand(String id, StimOp op, Long currentMicroamps, Double frequencyHz, Double pulseWidthUs) {
    public WireCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(op, "op");
    }

    /** The contract JSON; absent values are left out. Ids are generated ([0-9a-z-]), so they need no escaping. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(96).append("{\"id\":\"").append(id).append("\",\"op\":\"")
                .append(op.wireName()).append('"');
        if (currentMicroamps != null) {
            sb.append(",\"current_ua\":").append(currentMicroamps.longValue());
        }
        if (frequencyHz != null) {
            sb.append(",\"frequency_hz\":").append(number(frequencyHz));
        }
        if (pulseWidthUs != null) {
            sb.append(",\"pulse_width_us\":").append(number(pulseWidthUs));
        }
        return sb.append('}').toString();
    }

    /** Whole numbers without a fraction ({@code 80}), others as Java prints doubles (finite: checked before). */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
