package org.equilibrium.ingest;

import java.util.HashMap;
import java.util.Map;
import org.equilibrium.decode.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs rejected messages at most once per device and reason per interval, with the number suppressed
 * since the last line, so a misbehaving device cannot flood the log. Keys are bounded like metric tags.
 * Thread-safe (synchronised: only the reject path comes here).
 */
public final class RejectLog {
    private static final Logger LOG = LoggerFactory.getLogger(RejectLog.class);

    private final long intervalMs;
    private final int maxKeys;
    private final Map<String, long[]> windows = new HashMap<>();

    public RejectLog(long intervalMs, int maxKeys) {
        this.intervalMs = intervalMs;
        this.maxKeys = maxKeys;
    }

    /** @return true when a line was logged (for tests) */
    public synchronized boolean reject(String device, RejectReason reason, String stream, String detail,
                                       long nowMs) {
        String key = device + '\u0000' + reason.ordinal();
        long[] w = windows.get(key);
        if (w == null) {
            if (windows.size() >= maxKeys) {
                key = IngestMetrics.OTHER_DEVICE + '\u0000' + reason.ordinal();
                w = windows.get(key);
            }
            if (w == null) {
                w = new long[] {Long.MIN_VALUE, 0};
                windows.put(key, w);
            }
        }
        if (w[0] != Long.MIN_VALUE && nowMs - w[0] < intervalMs) {
            w[1]++;
            return false;
        }
        long suppressed = w[1];
        w[0] = nowMs;
        w[1] = 0;
        LOG.warn("Rejected message from device {} on stream '{}': {} ({}){}", device, stream, reason.tag(), detail,
                suppressed > 0 ? "; " + suppressed + " more like it suppressed in the last interval" : "");
        return true;
    }
}
