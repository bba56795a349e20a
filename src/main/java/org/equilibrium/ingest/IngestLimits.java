package org.equilibrium.ingest;

import org.equilibrium.decode.ContractRanges;

/**
 * Limits and tolerances of the ingest path (plain values; {@link IngestSettings} binds them from configuration).
 *
 * @param maxPayloadBytes            larger payloads are rejected as OVERSIZED before decoding
 * @param maxTopicLength             longer topics are rejected as OVERSIZED before parsing
 * @param maxRrPerMessage            more RR intervals in one message are rejected as OVERSIZED
 * @param minRrMs                    RR range (contract: 200–3000 ms)
 * @param maxRrMs                    RR range
 * @param minBpm                     heart-rate range (contract: 20–250)
 * @param maxBpm                     heart-rate range
 * @param maxSeqGap                  a forward seq jump above this is a new epoch, not loss
 * @param restartMaxSeq              arrival-time streams: a seq this small behind the last one is a restart
 * @param gapToleranceMs             beat continuity tolerance for device-time streams (JSON {@code ts})
 * @param arrivalGapToleranceMs      beat continuity tolerance for arrival-time streams (raw GATT)
 * @param maxDeviceTags              distinct {@code device} tag values on reject metrics; beyond: "other"
 * @param rejectLogIntervalMs        at most one log line per device and reason per this interval
 */
public record IngestLimits(int maxPayloadBytes, int maxTopicLength, int maxRrPerMessage, double minRrMs,
                           double maxRrMs, int minBpm, int maxBpm, long maxSeqGap, long restartMaxSeq,
                           long gapToleranceMs, long arrivalGapToleranceMs, int maxDeviceTags,
                           long rejectLogIntervalMs) {

    /** The documented defaults (application.yml repeats them). */
    public static IngestLimits defaults() {
        return new IngestLimits(16_384, 256, 64, ContractRanges.RR_MS_MIN, ContractRanges.RR_MS_MAX,
                ContractRanges.BPM_MIN, ContractRanges.BPM_MAX, 100_000, 8, 100, 250, 10_000, 60_000);
    }
}
