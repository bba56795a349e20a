package org.equilibrium.people.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Inject;
import org.equilibrium.testsupport.Accounts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Token lifetime comes from equilibrium.token.expiration-seconds, and an expired login token stops working. */
@MicronautTest
@Property(name = "equilibrium.token.expiration-seconds", value = "5")
class ShortTokenExpiryTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void loginTokenStopsWorkingOnceItsLifetimeHasPassed() throws Exception {
        Map<String, Object> login = client.toBlocking().retrieve(HttpRequest.POST("/login",
                        Map.of("username", Accounts.ADMIN_USERNAME, "password", Accounts.ADMIN_PASSWORD)),
                Argument.mapOf(String.class, Object.class));
        String token = (String) login.get("access_token");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        assertThat(login).containsEntry("expires_in", 5);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(5_000);
        assertThat(client.toBlocking().exchange(HttpRequest.GET("/api/me").bearerAuth(token)).code()).isEqualTo(200);

        long untilExpired = claims.getExpirationTime().getTime() - System.currentTimeMillis() + 1_500;
        Thread.sleep(Math.max(0, untilExpired));

        HttpClientResponseException expired = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/me").bearerAuth(token)));
        assertThat(expired.code()).isEqualTo(401);
    }
}
