package org.equilibrium.testsupport;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.security.token.render.BearerAccessRefreshToken;
import org.equilibrium.people.Role;

import java.util.Map;
import java.util.UUID;

/**
 * Creates accounts and logs in through the real HTTP API, for tests of any endpoint:
 *
 * <pre>{@code
 * @MicronautTest
 * class SessionsApiTest {
 *     @Inject @Client("/") HttpClient client;
 *
 *     @Test
 *     void therapistSeesOnlyAssignedSessions() {
 *         Accounts accounts = new Accounts(client);
 *         Accounts.User patient = accounts.patient();
 *         Accounts.User therapist = accounts.therapist();
 *         accounts.assign(therapist, patient);
 *         client.toBlocking().exchange(therapist.authorize(HttpRequest.GET("/api/sessions")));
 *     }
 * }
 * }</pre>
 *
 * Relies on the test configuration (src/test/resources/application-test.yml): a fresh in-memory
 * registry per application context and the bootstrap administrator {@value #ADMIN_USERNAME} /
 * {@value #ADMIN_PASSWORD}.
 */
public final class Accounts {
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private final BlockingHttpClient http;
    private String adminToken;

    public Accounts(HttpClient client) {
        this.http = client.toBlocking();
    }

    /**
     * A logged-in account.
     *
     * @param id       account id (the patient id for patients)
     * @param username normalised username
     * @param password its password
     * @param role     its role
     * @param token    a bearer access token
     */
    public record User(long id, String username, String password, Role role, String token) {
        /** Adds this user's bearer token to {@code request}. */
        public <T> MutableHttpRequest<T> authorize(MutableHttpRequest<T> request) {
            return request.bearerAuth(token);
        }
    }

    /** Logs in and returns the access token; throws {@code HttpClientResponseException} on failure. */
    public String login(String username, String password) {
        BearerAccessRefreshToken response = http.retrieve(
                HttpRequest.POST("/login", Map.of("username", username, "password", password)),
                BearerAccessRefreshToken.class);
        return response.getAccessToken();
    }

    /** The bootstrap administrator, logged in. */
    public User admin() {
        String token = adminToken();
        Map<String, Object> me = http.retrieve(HttpRequest.GET("/api/me").bearerAuth(token),
                Argument.mapOf(String.class, Object.class));
        return new User(((Number) me.get("id")).longValue(), ADMIN_USERNAME, ADMIN_PASSWORD, Role.ADMINISTRATOR,
                token);
    }

    public User patient() {
        return create(Role.PATIENT, "patient-" + uniqueSuffix());
    }

    public User therapist() {
        return create(Role.THERAPIST, "therapist-" + uniqueSuffix());
    }

    /** Creates an account through {@code POST /api/users} as the administrator, then logs it in. */
    public User create(Role role, String username) {
        String password = username + "-secret-password";
        Map<String, Object> created = http.retrieve(
                HttpRequest.POST("/api/users", Map.of("username", username, "displayName", "Test " + username,
                        "role", role.name(), "password", password)).bearerAuth(adminToken()),
                Argument.mapOf(String.class, Object.class));
        long id = ((Number) created.get("id")).longValue();
        return new User(id, (String) created.get("username"), password, role, login(username, password));
    }

    /** Assigns {@code patient} to {@code therapist} as the administrator. */
    public void assign(User therapist, User patient) {
        http.exchange(HttpRequest.PUT("/api/therapists/" + therapist.id() + "/patients/" + patient.id(), "")
                .bearerAuth(adminToken()));
    }

    public void unassign(User therapist, User patient) {
        http.exchange(HttpRequest.DELETE("/api/therapists/" + therapist.id() + "/patients/" + patient.id())
                .bearerAuth(adminToken()));
    }

    private static String uniqueSuffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public String adminToken() {
        if (adminToken == null) {
            adminToken = login(ADMIN_USERNAME, ADMIN_PASSWORD);
        }
        return adminToken;
    }
}
