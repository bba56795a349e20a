package org.equilibrium.people.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Failed-login limit.
 *
 * @param maxFailures {@code equilibrium.login.max-failures}: failures per username and client
 *                    address within the window before further attempts are refused (default 5)
 * @param window      {@code equilibrium.login.window}: length of the sliding window (default 15m)
 */
@ConfigurationProperties("equilibrium.login")
public record LoginThrottleProperties(
        @Bindable(defaultValue = "5") int maxFailures,
        @Bindable(defaultValue = "15m") Duration window) {
}
