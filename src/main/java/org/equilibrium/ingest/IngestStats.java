package org.equilibrium.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Per-device counters of every ingest worker, for the stats API. Thread-safe. */
public final class IngestStats {
    private final Map<String, DeviceStats> devices = new ConcurrentHashMap<>();
    private final DeviceStats invalid = new DeviceStats();

    public DeviceStats device(String deviceId) {
        return devices.computeIfAbsent(deviceId, d -> new DeviceStats());
    }

    /** Counters of messages whose topic had no valid device id. */
    public DeviceStats invalid() {
        return invalid;
    }

    /** Snapshots by device id, sorted. */
    public Map<String, DeviceStats.Snapshot> snapshot() {
        Map<String, DeviceStats.Snapshot> out = new TreeMap<>();
        devices.forEach((id, s) -> out.put(id, s.snapshot()));
        return out;
    }
}
