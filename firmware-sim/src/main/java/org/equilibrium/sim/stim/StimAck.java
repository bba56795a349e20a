package org.equilibrium.sim.stim;

import java.nio.charset.StandardCharsets;
import org.equilibrium.sim.wire.JsonText;

/**
 * The device's answer on {@code cmd/ack}: {@code {"id":…,"ok":true,"applied":{…}}} with what the
 * output stage actually uses, or {@code {"id":…,"ok":false,"error":"…"}}.
 *
 * @param id      the command id (null when the command had none readable)
 * @param ok      accepted
 * @param applied settings in effect after the command (null when refused)
 * @param error   reason for refusal (null when accepted)
 */
public record StimAck(String id, boolean ok, Applied applied, String error) {

    /**
     * Settings in effect.
     *
     * @param op              the op that was applied
     * @param program         program name
     * @param frequencyHz     pulse frequency
     * @param pulseWidthUs    pulse width (for microcurrent, the half period of the 50 % duty wave)
     * @param currentUa       amplitude set point (the output ramps towards it)
     * @param rampUaPerS      rate at which the output moves to it
     * @param durationS       session timer, −1 when none
     */
    public record Applied(String op, String program, double frequencyHz, double pulseWidthUs, long currentUa,
            long rampUaPerS, int durationS) {
    }

    public static StimAck accepted(String id, Applied applied) {
        return new StimAck(id, true, applied, null);
    }

    public static StimAck refused(String id, String error) {
        return new StimAck(id, false, null, error);
    }

    public byte[] toJson() {
        StringBuilder sb = new StringBuilder(160).append("{\"id\":");
        if (id == null) {
            sb.append("null");
        } else {
            JsonText.string(sb, id);
        }
        sb.append(",\"ok\":").append(ok);
        if (ok) {
            sb.append(",\"applied\":{\"op\":");
            JsonText.string(sb, applied.op()).append(",\"program\":");
            JsonText.string(sb, applied.program()).append(",\"frequency_hz\":");
            JsonText.fixed(sb, applied.frequencyHz(), 1).append(",\"pulse_width_us\":");
            JsonText.fixed(sb, applied.pulseWidthUs(), 0).append(",\"current_ua\":").append(applied.currentUa())
                    .append(",\"ramp_ua_per_s\":").append(applied.rampUaPerS());
            if (applied.durationS() >= 0) {
                sb.append(",\"duration_s\":").append(applied.durationS());
            }
            sb.append('}');
        } else {
            sb.append(",\"error\":");
            JsonText.string(sb, error);
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
