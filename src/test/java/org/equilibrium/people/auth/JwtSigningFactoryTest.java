package org.equilibrium.people.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSigningFactoryTest {
    private final JwtSigningFactory factory = new JwtSigningFactory();
    private final JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("someone").build();

    @Test
    void withoutAConfiguredSecretEachStartGetsItsOwnRandomKey() throws Exception {
        SignatureGeneratorConfiguration first = factory.tokenSignature(new JwtProperties(null));
        SignatureGeneratorConfiguration second = factory.tokenSignature(new JwtProperties(""));

        // a token from one start does not verify after a "restart"
        assertThat(first.verify(first.sign(claims))).isTrue();
        assertThat(second.verify(first.sign(claims))).isFalse();
    }

    @Test
    void aConfiguredSecretGivesAStableKey() throws Exception {
        String secret = "a-configured-secret-of-more-than-32-bytes";
        SignatureGeneratorConfiguration first = factory.tokenSignature(new JwtProperties(secret));
        SignatureGeneratorConfiguration second = factory.tokenSignature(new JwtProperties(secret));

        assertThat(second.verify(first.sign(claims))).isTrue();
    }

    @Test
    void refusesASecretTooShortForHs256() {
        assertThatThrownBy(() -> factory.tokenSignature(new JwtProperties("only-31-bytes-long-0123456789ab")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at least 32 bytes");
    }
}
