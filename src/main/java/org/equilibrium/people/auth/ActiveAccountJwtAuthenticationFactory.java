package org.equilibrium.people.auth;

import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import jakarta.inject.Singleton;
import org.equilibrium.people.AccountStatus;
import org.equilibrium.people.Caller;

import java.util.Optional;

/**
 * Turns a validly signed, unexpired token into an {@link Authentication} only when it names one of
 * our accounts and that account is still enabled. So disabling an account ends its sessions at
 * once instead of at token expiry; the request then counts as anonymous (401).
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
class ActiveAccountJwtAuthenticationFactory extends DefaultJwtAuthenticationFactory {
    private final AccountStatus status;

    ActiveAccountJwtAuthenticationFactory(TokenConfiguration tokenConfiguration, RolesFinder rolesFinder,
                                          AccountStatus status) {
        super(tokenConfiguration, rolesFinder);
        this.status = status;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        return super.createAuthentication(token)
                .filter(authentication -> Callers.from(authentication)
                        .map(Caller::accountId)
                        .map(status::isActive)
                        .orElse(false));
    }
}
