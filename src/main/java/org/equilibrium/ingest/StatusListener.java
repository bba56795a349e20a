package org.equilibrium.ingest;

import org.equilibrium.decode.StatusReading;
import org.equilibrium.device.DeviceId;

/** Receives device presence and battery updates on an ingest worker; never block. */
public interface StatusListener {
    void onStatus(DeviceId device, StatusReading reading);

    /** A battery level from a battery characteristic (0x2A19) rather than a status message. */
    default void onBattery(DeviceId device, long timestampMs, int batteryPct) {
    }
}
