package org.equilibrium.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.equilibrium.testsupport.Accounts;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document is served to signed-in users only and describes the session API. */
@MicronautTest
class OpenApiDocumentTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void servesTheGeneratedDocumentToSignedInUsersOnly() {
        HttpClientResponseException anonymous = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/swagger/equilibrium-1.yml")));
        assertThat(anonymous.getStatus().getCode()).isEqualTo(401);

        Accounts.User patient = new Accounts(client).patient();
        String yaml = client.toBlocking().retrieve(patient.authorize(HttpRequest.GET("/swagger/equilibrium-1.yml")));
        assertThat(yaml).contains("openapi: 3").contains("/api/sessions/{id}/live").contains("/api/devices/{id}/claim")
                .contains("/api/sessions/{id}/export").contains("bearer");
    }
}
