package org.equilibrium.decode;

/**
 * One decoded observation from a device, transport-neutral. Decoders turn payload bytes into
 * readings; ingest adds the device identity and routes them.
 */
public sealed interface Reading permits HeartRateReading, StimReading, StatusReading, BatteryReading {
    /** Time of the observation, Unix epoch milliseconds (device time, or arrival time when the wire has none). */
    long timestampMs();
}
