package org.equilibrium.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code equilibrium.ingest.*}: limits and tolerances (defaults documented in application.yml; the meaning of
 * each is on {@link IngestLimits}).
 */
@ConfigurationProperties("equilibrium.ingest")
public record IngestSettings(
        @Bindable(defaultValue = "16384") int maxPayloadBytes,
        @Bindable(defaultValue = "256") int maxTopicLength,
        @Bindable(defaultValue = "64") int maxRrPerMessage,
        @Bindable(defaultValue = "200") double minRrMs,
        @Bindable(defaultValue = "3000") double maxRrMs,
        @Bindable(defaultValue = "20") int minBpm,
        @Bindable(defaultValue = "250") int maxBpm,
        @Bindable(defaultValue = "100000") long maxSeqGap,
        @Bindable(defaultValue = "8") long restartMaxSeq,
        @Bindable(defaultValue = "100ms") Duration gapTolerance,
        @Bindable(defaultValue = "250ms") Duration arrivalGapTolerance,
        @Bindable(defaultValue = "10000") int maxDeviceTags,
        @Bindable(defaultValue = "1m") Duration rejectLogInterval,
        @Bindable(defaultValue = "100ms") Duration storeRetryMin,
        @Bindable(defaultValue = "10s") Duration storeRetryMax) {

    public IngestLimits toLimits() {
        return new IngestLimits(maxPayloadBytes, maxTopicLength, maxRrPerMessage, minRrMs, maxRrMs, minBpm, maxBpm,
                maxSeqGap, restartMaxSeq, gapTolerance.toMillis(), arrivalGapTolerance.toMillis(), maxDeviceTags,
                rejectLogInterval.toMillis());
    }
}
