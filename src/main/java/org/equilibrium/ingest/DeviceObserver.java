package org.equilibrium.ingest;

import org.equilibrium.device.DeviceId;

/**
 * Told about every accepted message's device (the device registry). Called on the ingest worker for each
 * message: implementations must be cheap and non-blocking (update memory, persist later).
 */
public interface DeviceObserver {
    void seen(DeviceId device, String stream, long arrivalMs);

    DeviceObserver NONE = (device, stream, arrivalMs) -> {
    };
}
