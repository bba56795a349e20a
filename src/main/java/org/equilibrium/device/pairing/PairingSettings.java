package org.equilibrium.device.pairing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Claim throttling ({@code equilibrium.pairing.*}).
 *
 * @param maxFailures wrong claim codes per device before claims of it are refused (default 5)
 * @param window      sliding window of the count (default 15 minutes)
 */
@ConfigurationProperties("equilibrium.pairing")
public record PairingSettings(@Nullable Integer maxFailures, @Nullable Duration window) {
    public int maxFailuresOrDefault() {
        return maxFailures == null ? 5 : maxFailures;
    }

    public Duration windowOrDefault() {
        return window == null ? Duration.ofMinutes(15) : window;
    }
}
