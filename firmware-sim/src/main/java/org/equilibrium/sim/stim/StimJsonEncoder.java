package org.equilibrium.sim.stim;

import java.nio.charset.StandardCharsets;
import org.equilibrium.sim.stim.StimEnums.Fault;
import org.equilibrium.sim.stim.StimEnums.Modality;
import org.equilibrium.sim.wire.JsonText;

/**
 * The {@code stim} JSON of the wire contract. {@code frequency_hz}, {@code pulse_width_us} (TENS
 * only) are present while the output is ramping, running or paused; {@code current_ua} always (0
 * when stopped). {@code fault} is an optional extension naming a latched fault.
 */
public final class StimJsonEncoder {
    private StimJsonEncoder() {
    }

    public static byte[] encode(StimTelemetry t, long epochMs) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"ts\":").append(epochMs).append(",\"seq\":").append(t.seq()).append(",\"modality\":\"")
                .append(t.modality().wire).append("\",\"state\":\"").append(t.state().wire).append("\",\"program\":\"")
                .append(t.program().wire).append("\",\"channel\":").append(t.channel());
        if (t.outputConfigured()) {
            sb.append(",\"frequency_hz\":");
            JsonText.fixed(sb, t.frequencyHz(), 1);
            if (t.modality() == Modality.TENS) {
                sb.append(",\"pulse_width_us\":");
                JsonText.fixed(sb, t.pulseWidthUs(), 0);
            }
        }
        sb.append(",\"current_ua\":").append(t.currentUa()).append(",\"electrode_ok\":").append(t.electrodeOk())
                .append(",\"impedance_ohm\":");
        JsonText.fixed(sb, t.impedanceOhm(), 0).append(",\"battery_pct\":").append(t.batteryPct());
        if (t.remainingS() >= 0) {
            sb.append(",\"remaining_s\":").append(t.remainingS());
        }
        if (t.fault() != Fault.NONE) {
            sb.append(",\"fault\":\"").append(t.fault().wire).append('"');
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
