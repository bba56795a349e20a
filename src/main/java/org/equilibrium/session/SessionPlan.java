package org.equilibrium.session;

/**
 * Planned phase lengths when a session starts; all can be changed live.
 *
 * @param baselineMs length of the baseline phase; 0 skips it (the session starts in practice)
 * @param practiceMs planned practice length, or null to practise until someone moves on
 * @param recoveryMs planned recovery length, or null to stay in recovery until the session ends; only
 *                   meaningful with a planned practice length
 */
public record SessionPlan(long baselineMs, Long practiceMs, Long recoveryMs) {
    /** Three minutes: enough 5-s windows of a 60-s RMSSD for a stable baseline mean and SD. */
    public static final long DEFAULT_BASELINE_MS = 180_000;

    public SessionPlan {
        if (baselineMs < 0) {
            throw new IllegalArgumentException("baseline length must be >= 0 ms, got " + baselineMs);
        }
        if (practiceMs != null && practiceMs <= 0) {
            throw new IllegalArgumentException("planned practice length must be > 0 ms, got " + practiceMs);
        }
        if (recoveryMs != null && recoveryMs <= 0) {
            throw new IllegalArgumentException("planned recovery length must be > 0 ms, got " + recoveryMs);
        }
        if (recoveryMs != null && practiceMs == null) {
            throw new IllegalArgumentException("a recovery length needs a planned practice length");
        }
    }

    /** Default 3-minute baseline, open-ended practice. */
    public static SessionPlan defaults() {
        return new SessionPlan(DEFAULT_BASELINE_MS, null, null);
    }
}
