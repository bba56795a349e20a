package org.equilibrium.session;

import org.equilibrium.device.DeviceId;

/** One raw beat of a session: the RR interval that ended at {@code beatEndMs} (Unix epoch ms). */
public record RecordedBeat(DeviceId device, long beatEndMs, double rrMs) {
    public RecordedBeat {
        if (device == null) {
            throw new IllegalArgumentException("device is required");
        }
        if (!(rrMs > 0 && rrMs < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("RR interval must be finite and > 0 ms, got " + rrMs);
        }
    }
}
