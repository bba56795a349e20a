package org.equilibrium.people.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.token.bearer.AccessRefreshTokenLoginHandler;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import jakarta.inject.Singleton;
import org.equilibrium.api.ApiError;

/**
 * The bearer-token login handler, except that a throttled login answers 429 Too Many Requests with
 * {@code Retry-After} instead of 401, so a client can tell "wait" from "wrong password".
 */
@Singleton
@Replaces(AccessRefreshTokenLoginHandler.class)
@Requires(property = "micronaut.security.authentication", value = "bearer")
class ThrottleAwareLoginHandler extends AccessRefreshTokenLoginHandler {

    ThrottleAwareLoginHandler(AccessRefreshTokenGenerator generator) {
        super(generator);
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse failed, HttpRequest<?> request) {
        if (failed instanceof LoginThrottled throttled) {
            long seconds = Math.max(1, throttled.retryAfter().toSeconds() + 1);
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(new ApiError(429, "too_many_requests",
                            "too many failed logins for this username from this address; retry in " + seconds + " s"));
        }
        return super.loginFailed(failed, request);
    }
}
