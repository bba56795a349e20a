package org.equilibrium.people.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 key that signs and verifies access tokens, from {@link JwtProperties}. There is no
 * built-in default secret: without one configured, a random key is generated per start (safe, but
 * every restart logs everyone out), and a WARN says so.
 */
@Factory
class JwtSigningFactory {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSigningFactory.class);
    /** HS256 key length (RFC 7518 §3.2: a key of the same size as the hash output or larger). */
    static final int MIN_SECRET_BYTES = 32;

    // @Context: made at start-up, so a missing secret is reported then and not on the first request
    @Context
    @Named("generator")
    SignatureGeneratorConfiguration tokenSignature(JwtProperties properties) {
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
        String secret = properties.secret();
        if (secret == null || secret.isEmpty()) {
            byte[] key = new byte[MIN_SECRET_BYTES * 2];
            new SecureRandom().nextBytes(key);
            config.setSecret(Base64.getEncoder().encodeToString(key));
            config.setBase64(true);
            LOG.warn("EQUILIBRIUM_JWT_SECRET is not set: signing tokens with a random key made at start-up; "
                    + "tokens will not survive a restart. Set it (at least {} characters) for a stable key.",
                    MIN_SECRET_BYTES);
        } else {
            if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new ConfigurationException("equilibrium.jwt.secret (EQUILIBRIUM_JWT_SECRET) must be at least "
                        + MIN_SECRET_BYTES + " bytes long for HS256; generate one with: openssl rand -base64 48");
            }
            config.setSecret(secret);
        }
        return new SecretSignature(config);
    }
}
