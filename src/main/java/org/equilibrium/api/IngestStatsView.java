package org.equilibrium.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.equilibrium.decode.RejectReason;
import org.equilibrium.ingest.DeviceStats;

/**
 * {@code GET /api/ingest/stats}: per-device counters since start, plus the messages whose topic had no valid
 * device id, and the current queue depth and unacknowledged messages.
 */
@Serdeable
public record IngestStatsView(Map<String, DeviceCounters> devices, DeviceCounters invalidDeviceId, int queueDepth,
                              int unacknowledged) {

    /** Counters of one device; {@code rejects} by reason tag (e.g. {@code out-of-range}). */
    @Serdeable
    public record DeviceCounters(long messages, long beats, long gaps, long lost, long duplicates, long late,
                                 long restarts, Map<String, Long> rejects) {

        static DeviceCounters of(DeviceStats.Snapshot s) {
            Map<String, Long> r = new LinkedHashMap<>();
            for (Map.Entry<RejectReason, Long> e : s.rejects().entrySet()) {
                r.put(e.getKey().tag(), e.getValue());
            }
            return new DeviceCounters(s.messages(), s.beats(), s.gaps(), s.lost(), s.duplicates(), s.late(),
                    s.epochs(), r);
        }
    }
}
