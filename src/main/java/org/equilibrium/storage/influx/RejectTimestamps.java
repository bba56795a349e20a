package org.equilibrium.storage.influx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes several rejects of one series in the same millisecond distinct points without a
 * high-cardinality tag: the n-th reject of a series within one millisecond is stored at
 * {@code ms × 10⁶ + n} nanoseconds (n = 0, 1, 2 …, at most 999,999). Queries at ms precision see them in
 * their true millisecond; {@code count()} and {@code sum(count)} see every one.
 *
 * <p>Only the last millisecond of each series is remembered (an LRU map of {@code maxSeries} series), so a
 * reject older than the series' last one starts at offset 0 again and may overwrite an earlier point of that
 * millisecond. Rejects are stamped with arrival time, which is monotonic per device, so this does not arise in
 * practice. Not thread-safe: the caller serialises.
 */
public final class RejectTimestamps {

    private static final long NANOS_PER_MS = 1_000_000L;

    private final Map<String, long[]> lastBySeries;

    public RejectTimestamps(int maxSeries) {
        if (maxSeries < 1) {
            throw new IllegalArgumentException("maxSeries must be >= 1 but was " + maxSeries);
        }
        this.lastBySeries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                return size() > maxSeries;
            }
        };
    }

    /** The nanosecond timestamp for the next reject of {@code series} at {@code timestampMs}. */
    public long next(String series, long timestampMs) {
        long baseNs = InfluxLineMapper.timestampNs(timestampMs);
        long[] last = lastBySeries.get(series);
        if (last == null) {
            lastBySeries.put(series, new long[] {timestampMs, 0});
            return baseNs;
        }
        if (last[0] != timestampMs) {
            last[0] = timestampMs;
            last[1] = 0;
            return baseNs;
        }
        // A millisecond holds 10⁶ distinct nanoseconds; past that, later rejects share the last one.
        last[1] = Math.min(last[1] + 1, NANOS_PER_MS - 1);
        return baseNs + last[1];
    }
}
