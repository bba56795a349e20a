package org.equilibrium.api.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import java.util.Map;

/**
 * The DTO records of the session and device API (src/docs/api.md): snake_case JSON, times in epoch ms,
 * absent values as {@code null} (never NaN, which JSON cannot carry).
 */
public final class Dtos {
    private Dtos() {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeviceView(String id, String model, String profileId, String kind, String displayName,
                             Long patientId, boolean online, Integer batteryPct, long lastSeenMs, String transport) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ClaimRequest(@Nullable String claimCode, @Nullable Long patientId, @Nullable String displayName) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record StartRequest(@Nullable Long patientId, @Nullable String practice,
                               @Nullable Double breathingRatePerMin, @Nullable Integer baselineS,
                               @Nullable String context, @Nullable List<String> modalities,
                               @Nullable Integer painStart, @Nullable Integer calmStart) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record PhaseRequest(@Nullable String phase) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record MarkerRequest(@Nullable String text) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RatingRequest(@Nullable String kind, @Nullable String when, @Nullable Integer value) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record EndRequest(@Nullable Integer painEnd, @Nullable Integer calmEnd) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PhaseView(String phase, long startMs, Long endMs) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MarkerView(long tMs, String text, String author) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RatingsView(Integer painStart, Integer painEnd, Integer calmStart, Integer calmEnd) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StimView(boolean on, String modality, Double currentUa, Double frequencyHz, String program,
                           Boolean electrodeOk) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EstimateView(String sessionId, long tMs, String phase, String state, String heldState, Double score,
                               double confidence, String quality, Double hrBpm, Double rmssdMs, Double hfMs2,
                               Double lfHf, Double coherence, Double respRateBpm, Double pnsIndex, Double snsIndex,
                               Double pnsRel, Double snsRel, double coverage, double artefactPct, StimView stim,
                               String connection) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SessionView(String id, long patientId, String patientName, String startedBy, String startedByRole,
                              String practice, Double breathingRatePerMin, String context, List<String> modalities,
                              long startedMs, Long endedMs, String phase, List<PhaseView> phases,
                              List<MarkerView> markers, RatingsView ratings, List<DeviceView> devices,
                              EstimateView latest, String connection) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PhaseSummaryView(String phase, double durationS, Double meanHrBpm, Double rmssdMs, Double hfMs2,
                                   Double lfHf, Double pnsIndex, Double snsIndex, Double coherence,
                                   Map<String, Double> timeInStateS, double stimDoseMaMin, double stimOnS,
                                   Double artefactPct, Double coveragePct, int beats, int windows, int okWindows) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SummaryView(String sessionId, long asOfMs, List<PhaseSummaryView> phases, List<String> sentences) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BeatView(long tMs, double rrMs) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AlertView(String sessionId, String kind, String text, long tMs) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StimEventView(String sessionId, String deviceId, long tMs, StimView stim, String state,
                                Double impedanceOhm) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PairingPeriodView(String deviceId, long patientId, long fromMs, Long toMs) {
    }
}
