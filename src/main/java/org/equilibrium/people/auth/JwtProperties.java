package org.equilibrium.people.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Signing key of the access tokens.
 *
 * @param secret {@code equilibrium.jwt.secret} (env {@code EQUILIBRIUM_JWT_SECRET}): at least 32
 *               characters (HS256 needs a 256-bit key). When unset a random key is made at start-up,
 *               so tokens do not survive a restart.
 */
@ConfigurationProperties("equilibrium.jwt")
public record JwtProperties(@Nullable String secret) {
    @Override
    public String toString() {
        return "JwtProperties[secret=" + (secret == null ? "unset" : "set") + "]";
    }
}
