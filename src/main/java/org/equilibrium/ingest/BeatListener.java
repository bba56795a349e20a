package org.equilibrium.ingest;

import org.equilibrium.device.DeviceId;

/**
 * Receives reconstructed beats of every device, in beat order per device, on an ingest worker thread.
 * Implementations must return quickly and never block (hand work off); an exception is logged and
 * does not stop ingest. Beats are delivered as soon as a message is decoded, before it is durably
 * stored, so a live view is not delayed by the database.
 */
public interface BeatListener {

    /**
     * One beat: the RR interval {@code rrMs} that ended at {@code beatEndMs} (epoch ms). Two successive
     * beats of a device are adjacent (their intervals touch) unless {@link #onGap} came between them.
     */
    void onBeat(DeviceId device, long beatEndMs, double rrMs);

    /**
     * The beat record of a device is broken between {@code fromMs} and {@code toMs}: beats were lost
     * (lost notifications or messages), the device restarted, or its clock jumped. Never treat the span
     * as one interval; never pair the last beat before a gap with the first after it.
     *
     * @param cause {@code lost-messages}, {@code rr-discontinuity}, {@code device-restart}, {@code clock-overlap}, or
     *              a BLE gateway's {@code gap} reason (e.g. {@code link-lost}; src/docs/ble.md)
     */
    void onGap(DeviceId device, long fromMs, long toMs, String cause);
}
