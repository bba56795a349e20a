package org.equilibrium.ingest;

import org.equilibrium.device.DeviceId;

/**
 * Receives a device's {@code cmd/ack} payloads (raw, at most the ingest payload limit) on an ingest worker, in
 * arrival order per device; never block. Acks are not stored as samples: the stimulation audit keeps them.
 */
public interface CommandAckListener {
    void onCommandAck(DeviceId device, byte[] payload, long arrivalMs);
}
