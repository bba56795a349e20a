package org.equilibrium.people.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.equilibrium.people.Role;
import org.equilibrium.testsupport.Accounts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The security wiring through the real HTTP server: who gets in, with which token. */
@MicronautTest
class SecurityWiringTest {
    /** Routes reachable without a token. Anything added here must be added to src/docs/security.md too. */
    private static final List<String> ANONYMOUS_PREFIXES = List.of("/health", "/login");
    /** Redirects to the sign-in page (api.web.WebRootController); the pages themselves are static resources. */
    private static final List<String> ANONYMOUS_EXACT = List.of("/", "/app");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Router router;

    @Inject
    TokenGenerator tokenGenerator;

    private BlockingHttpClient http() {
        return client.toBlocking();
    }

    /** The status code of the answer, whatever it is (HttpStatus is a CharSequence: compare codes). */
    private int statusOf(MutableHttpRequest<?> request) {
        try {
            return http().exchange(request, Argument.of(String.class), Argument.of(String.class)).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    @Test
    void everyRouteOutsideTheAllowListAnswers401WithoutAToken() {
        List<String> checked = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : router.uriRoutes().toList()) {
            String template = route.getUriMatchTemplate().toPathString();
            if (ANONYMOUS_PREFIXES.stream().anyMatch(template::startsWith) || ANONYMOUS_EXACT.contains(template)) {
                continue;
            }
            Map<String, Object> values = new HashMap<>();
            route.getUriMatchTemplate().getVariableNames().forEach(name -> values.put(name, "1"));
            String path = route.getUriMatchTemplate().expand(values);
            HttpMethod method = route.getHttpMethod();
            MutableHttpRequest<Object> request = HttpMethod.permitsRequestBody(method)
                    ? HttpRequest.create(method, path).contentType(MediaType.APPLICATION_JSON_TYPE).body("{}")
                    : HttpRequest.create(method, path);
            int status = statusOf(request);
            checked.add(method + " " + template);
            if (status != HttpStatus.UNAUTHORIZED.getCode()) {
                leaks.add(method + " " + path + " -> " + status);
            }
        }
        assertThat(leaks).as("routes answering without a token").isEmpty();
        // not vacuous: the people API and the management endpoints were among the routes checked
        assertThat(checked).contains("GET /api/me", "POST /api/users", "GET /api/patients/{patientId}");
        assertThat(checked).anyMatch(r -> r.startsWith("GET /metrics"));
    }

    @Test
    void healthAndLoginAreOpen() {
        assertThat(statusOf(HttpRequest.GET("/health"))).isEqualTo(HttpStatus.OK.getCode());
        assertThat(statusOf(HttpRequest.GET("/health/liveness"))).isEqualTo(HttpStatus.OK.getCode());
        assertThat(statusOf(HttpRequest.GET("/health/readiness"))).isEqualTo(HttpStatus.OK.getCode());
        assertThat(new Accounts(client).adminToken()).isNotBlank();
    }

    @Test
    void webPagesAndTheirAssetsAreServedWithoutATokenButHoldNoData() {
        for (String asset : List.of("/app/index.html", "/app/patient.html", "/app/ward.html", "/app/session.html",
                "/app/js/api.js", "/app/js/chart.js", "/app/css/app.css")) {
            HttpResponse<String> page = http().exchange(HttpRequest.GET(asset), String.class);
            assertThat(page.code()).as(asset).isEqualTo(HttpStatus.OK.getCode());
            assertThat(page.body()).as(asset).isNotBlank();
        }
        assertThat(http().exchange(HttpRequest.GET("/app/js/api.js"), String.class).getContentType())
                .map(MediaType::getName).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        // the root and /app send a browser to the sign-in page (the test client follows the redirect)
        assertThat(http().retrieve(HttpRequest.GET("/"))).contains("id=\"signin-form\"");
        assertThat(http().retrieve(HttpRequest.GET("/app"))).contains("id=\"signin-form\"");
        // opening the static tree does not open the API: a path under /app is a file or nothing
        assertThat(statusOf(HttpRequest.GET("/app/../api/me"))).isNotEqualTo(HttpStatus.OK.getCode());
        assertThat(statusOf(HttpRequest.GET("/app/no-such-page.html"))).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(statusOf(HttpRequest.GET("/api/me"))).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void unknownPathsAnswer401NotAHintOfWhatExists() {
        assertThat(statusOf(HttpRequest.GET("/api/no-such-thing"))).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void metricsAreForAdministratorsOnly() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();
        Accounts.User therapist = accounts.therapist();

        assertThat(statusOf(HttpRequest.GET("/metrics"))).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThat(statusOf(patient.authorize(HttpRequest.GET("/metrics")))).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(statusOf(therapist.authorize(HttpRequest.GET("/metrics")))).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(statusOf(HttpRequest.GET("/metrics").bearerAuth(accounts.adminToken()))).isEqualTo(HttpStatus.OK.getCode());
    }

    @Test
    void loginReturnsAnExpiringBearerToken() {
        Map<String, Object> body = http().retrieve(HttpRequest.POST("/login",
                        Map.of("username", Accounts.ADMIN_USERNAME, "password", Accounts.ADMIN_PASSWORD)),
                Argument.mapOf(String.class, Object.class));

        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);
        assertThat((String) body.get("access_token")).isNotBlank();
        assertThat(statusOf(HttpRequest.GET("/api/me").bearerAuth((String) body.get("access_token"))))
                .isEqualTo(HttpStatus.OK.getCode());
    }

    @Test
    void usernameIsCaseInsensitiveAtLogin() {
        assertThat(new Accounts(client).login("ADMIN", Accounts.ADMIN_PASSWORD)).isNotBlank();
    }

    @Test
    void expiredTokenIsRejected() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();
        Instant now = Instant.now();

        String live = token(patient, now.plusSeconds(300));
        String expired = token(patient, now.minusSeconds(1));

        // the same claims with a future expiry pass, so only the expiry differs
        assertThat(statusOf(HttpRequest.GET("/api/me").bearerAuth(live))).isEqualTo(HttpStatus.OK.getCode());
        assertThat(statusOf(HttpRequest.GET("/api/me").bearerAuth(expired))).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void forgedTokensAreRejected() throws Exception {
        Accounts accounts = new Accounts(client);
        Accounts.User admin = accounts.admin();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(admin.username())
                .claim("roles", List.of("ADMINISTRATOR"))
                .claim(AccountAuthenticationProvider.ACCOUNT_ID_CLAIM, admin.id())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();

        String unsigned = new PlainJWT(claims).serialize();
        SignedJWT otherKey = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        otherKey.sign(new MACSigner("another-secret-that-is-also-32-bytes-long!!"));

        assertThat(statusOf(HttpRequest.GET("/api/users").bearerAuth(unsigned))).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThat(statusOf(HttpRequest.GET("/api/users").bearerAuth(otherKey.serialize())))
                .isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThat(statusOf(HttpRequest.GET("/api/users").bearerAuth("not-a-jwt"))).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void tokenForAnAccountThatDoesNotExistIsRejected() {
        Accounts.User ghost = new Accounts.User(987_654, "ghost", "", Role.ADMINISTRATOR, "");
        String token = token(ghost, Instant.now().plusSeconds(300));

        assertThat(statusOf(HttpRequest.GET("/api/me").bearerAuth(token))).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void wrongPasswordIsRejectedAndCountedUntilTheLoginIsThrottled() {
        Accounts accounts = new Accounts(client);
        Accounts.User victim = accounts.patient();
        Accounts.User bystander = accounts.patient();

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThatThrownBy(() -> accounts.login(victim.username(), "wrong-password-guess"))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
        }
        // the sixth attempt is refused before the password is looked at, even the right one
        HttpClientResponseException throttled = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class, () -> accounts.login(victim.username(), victim.password()));
        assertThat(throttled.code()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS.getCode());
        assertThat(Long.parseLong(throttled.getResponse().getHeaders().get("Retry-After"))).isBetween(1L, 901L);
        assertThat(throttled.getResponse().getBody(String.class)).get().asString()
                .contains("\"error\":\"too_many_requests\"");

        // other usernames from the same address are unaffected
        assertThat(accounts.login(bystander.username(), bystander.password())).isNotBlank();
    }

    @Test
    void unknownUsernameGetsTheSameAnswerAsAWrongPassword() {
        Accounts accounts = new Accounts(client);
        HttpClientResponseException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class, () -> accounts.login("nobody-here", "some-password-123"));
        HttpClientResponseException wrong = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class, () -> accounts.login(Accounts.ADMIN_USERNAME, "some-password-123"));

        assertThat(unknown.code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()).isEqualTo(wrong.code());
        assertThat(unknown.getResponse().getBody(String.class)).isEqualTo(wrong.getResponse().getBody(String.class));
    }

    @Test
    void disablingAnAccountEndsItsTokensAndLogins() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();
        assertThat(statusOf(patient.authorize(HttpRequest.GET("/api/me")))).isEqualTo(HttpStatus.OK.getCode());

        HttpResponse<?> disabled = http().exchange(
                HttpRequest.POST("/api/users/" + patient.id() + "/disable", "").bearerAuth(accounts.adminToken()));
        assertThat(disabled.code()).isEqualTo(HttpStatus.OK.getCode());

        assertThat(statusOf(patient.authorize(HttpRequest.GET("/api/me")))).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThatThrownBy(() -> accounts.login(patient.username(), patient.password()))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));

        http().exchange(HttpRequest.POST("/api/users/" + patient.id() + "/enable", "").bearerAuth(accounts.adminToken()));
        assertThat(accounts.login(patient.username(), patient.password())).isNotBlank();
    }

    /** A token signed with the service's own key, with the claims our login puts in it. */
    private String token(Accounts.User user, Instant expiry) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", user.username());
        claims.put("roles", List.of(user.role().name()));
        claims.put(AccountAuthenticationProvider.ACCOUNT_ID_CLAIM, user.id());
        claims.put("iat", Instant.now().getEpochSecond() - 10);
        claims.put("exp", expiry.getEpochSecond());
        return tokenGenerator.generateToken(claims).orElseThrow();
    }
}
