package org.equilibrium.session.live;

/**
 * Timing of the live engine.
 *
 * @param pollMs      how often the one scheduler looks at every session (drains beats, makes due ticks)
 * @param latenessMs  how long after a tick's time the engine waits for beats still on their way before it
 *                    makes the tick without them (a strap sends a message about once a second)
 * @param staleAfterMs no beat for this long: connection {@code stale}
 * @param lostAfterMs  no beat for this long: connection {@code lost} (and an alert)
 */
public record EngineSettings(long pollMs, long latenessMs, long staleAfterMs, long lostAfterMs) {
    public static final EngineSettings DEFAULTS = new EngineSettings(250, 2_000, 5_000, 30_000);

    public EngineSettings {
        if (pollMs < 1 || latenessMs < 0 || staleAfterMs < 1 || lostAfterMs <= staleAfterMs) {
            throw new IllegalArgumentException("poll > 0, lateness >= 0, 0 < stale < lost required");
        }
    }
}
