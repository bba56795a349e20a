package org.equilibrium.ingest;

import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;

/** Receives stimulator telemetry (in order per device, duplicates dropped) on an ingest worker; never block. */
public interface StimListener {
    void onStim(DeviceId device, StimReading reading);
}
