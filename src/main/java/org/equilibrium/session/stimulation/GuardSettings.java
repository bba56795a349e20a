package org.equilibrium.session.stimulation;

/**
 * Timing of the {@link StimulationGuard}.
 *
 * @param lostTelemetryMs no {@code stim} telemetry for longer than this while stimulating stops the device, and a
 *                        device not heard from within it cannot be started (default 5 s: five 1-Hz telemetry periods)
 * @param stopResendMs    an unconfirmed stop is sent again this often until acked or telemetry says stopped
 * @param rampWindowMs    most time credit one current increase may use: an increase is at most
 *                        {@code max_ramp_ua_per_s × min(time since the previous increase, window)}, so waiting does
 *                        not bank a large step (default 1 s)
 */
public record GuardSettings(long lostTelemetryMs, long stopResendMs, long rampWindowMs) {
    public GuardSettings {
        if (lostTelemetryMs <= 0 || stopResendMs <= 0 || rampWindowMs <= 0) {
            throw new IllegalArgumentException("guard timings must be > 0");
        }
    }

    public static GuardSettings defaults() {
        return new GuardSettings(5_000, 1_000, 1_000);
    }
}
