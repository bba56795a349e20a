package org.equilibrium.people.auth;

import io.micronaut.security.authentication.AuthenticationFailed;

import java.time.Duration;

/** A login refused without checking the password because the key hit the failure limit. */
final class LoginThrottled extends AuthenticationFailed {
    private final Duration retryAfter;

    LoginThrottled(Duration retryAfter) {
        super("too many failed logins; try again later");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
