package org.equilibrium.sim.strap;

import java.nio.charset.StandardCharsets;
import org.equilibrium.sim.wire.JsonText;

/**
 * The MQTT JSON form of a notification ({@code hr} stream of the wire contract):
 * {@code {"ts":…,"seq":…,"bpm":…,"rr_ms":[…],"contact":…}}. RR values are the strap's 1/1024 s
 * counts converted to ms with one decimal.
 */
public final class HrJsonEncoder {
    private HrJsonEncoder() {
    }

    public static byte[] encode(HrNotification n, long epochMs) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{\"ts\":").append(epochMs).append(",\"seq\":").append(n.seq()).append(",\"bpm\":").append(n.bpm())
                .append(",\"rr_ms\":[");
        int[] rr = n.rr1024();
        for (int i = 0; i < rr.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonText.fixed(sb, rr[i] * 1000.0 / 1024.0, 1);
        }
        sb.append("],\"contact\":").append(n.contactDetected()).append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
