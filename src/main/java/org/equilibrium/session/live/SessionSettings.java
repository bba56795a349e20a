package org.equilibrium.session.live;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Live sessions ({@code equilibrium.sessions.*}); defaults in {@link EngineSettings#DEFAULTS}.
 *
 * @param pollInterval how often the one scheduler makes due estimates (default 250 ms)
 * @param lateness     how long a tick waits for beats still in flight (default 2 s)
 * @param staleAfter   no beat for this long: connection stale (default 5 s)
 * @param lostAfter    no beat for this long: connection lost, alert (default 30 s)
 */
@ConfigurationProperties("equilibrium.sessions")
public record SessionSettings(@Nullable Duration pollInterval, @Nullable Duration lateness,
                              @Nullable Duration staleAfter, @Nullable Duration lostAfter) {
    public EngineSettings toEngineSettings() {
        EngineSettings d = EngineSettings.DEFAULTS;
        return new EngineSettings(ms(pollInterval, d.pollMs()), ms(lateness, d.latenessMs()),
                ms(staleAfter, d.staleAfterMs()), ms(lostAfter, d.lostAfterMs()));
    }

    private static long ms(Duration d, long dflt) {
        return d == null ? dflt : d.toMillis();
    }
}
