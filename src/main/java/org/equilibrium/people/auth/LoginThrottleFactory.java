package org.equilibrium.people.auth;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
class LoginThrottleFactory {

    @Singleton
    LoginThrottle loginThrottle(LoginThrottleProperties properties) {
        return new LoginThrottle(properties.maxFailures(), properties.window());
    }
}
