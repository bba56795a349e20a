package org.equilibrium.session.stimulation.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import org.equilibrium.session.stimulation.GuardSettings;

/**
 * {@code equilibrium.stimulation.*}: timings of the safety envelope (src/docs/safety.md). The limits themselves
 * come from each device's profile.
 */
@ConfigurationProperties("equilibrium.stimulation")
public class StimulationSettings {
    /** No stim telemetry for this long while stimulating stops the device (default 5 s). */
    private Duration lostTelemetryTimeout = Duration.ofSeconds(5);
    /** An unconfirmed stop is sent again this often (default 1 s). */
    private Duration stopResendInterval = Duration.ofSeconds(1);
    /** Most time credit one current increase may use (default 1 s). */
    private Duration rampWindow = Duration.ofSeconds(1);
    /** Newest audit lines a GET returns at most (default 500). */
    private int maxAuditLines = 500;

    public Duration getLostTelemetryTimeout() {
        return lostTelemetryTimeout;
    }

    public void setLostTelemetryTimeout(Duration v) {
        this.lostTelemetryTimeout = v;
    }

    public Duration getStopResendInterval() {
        return stopResendInterval;
    }

    public void setStopResendInterval(Duration v) {
        this.stopResendInterval = v;
    }

    public Duration getRampWindow() {
        return rampWindow;
    }

    public void setRampWindow(Duration v) {
        this.rampWindow = v;
    }

    public int getMaxAuditLines() {
        return maxAuditLines;
    }

    public void setMaxAuditLines(int v) {
        this.maxAuditLines = v;
    }

    public GuardSettings guard() {
        return new GuardSettings(lostTelemetryTimeout.toMillis(), stopResendInterval.toMillis(), rampWindow.toMillis());
    }
}
