package org.equilibrium.api.people;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.equilibrium.people.Role;
import org.equilibrium.testsupport.Accounts;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The people API over HTTP: roles, assignments, what each caller can see. */
@MicronautTest
class PeopleApiTest {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private static final Argument<List<Map<String, Object>>> JSON_LIST = Argument.listOf(JSON);

    @Inject
    @Client("/")
    HttpClient client;

    private BlockingHttpClient http() {
        return client.toBlocking();
    }

    /** Status and raw body of any answer, success or error. */
    private record Answer(int status, String body) {
    }

    private Answer send(MutableHttpRequest<?> request) {
        try {
            HttpResponse<String> response = http().exchange(request, String.class);
            return new Answer(response.code(), response.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            return new Answer(e.code(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private static Map<String, Object> newUser(String username, String displayName, String role, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("displayName", displayName);
        body.put("role", role);
        body.put("password", password);
        return body;
    }

    @Test
    void bootstrapAdministratorCanLogInAndSeesItsRole() {
        Accounts.User admin = new Accounts(client).admin();

        Map<String, Object> me = http().retrieve(admin.authorize(HttpRequest.GET("/api/me")), JSON);
        assertThat(me).containsEntry("username", "admin").containsEntry("role", "ADMINISTRATOR")
                .containsEntry("disabled", false).containsKey("createdAt").doesNotContainKey("passwordHash");
    }

    @Test
    void administratorCreatesAndListsUsersWithoutExposingHashes() {
        Accounts accounts = new Accounts(client);
        Answer created = send(HttpRequest.POST("/api/users",
                newUser("Dr.Jones", "Dr Indiana Jones", "THERAPIST", "whip-and-hat-1936")).bearerAuth(accounts.adminToken()));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).contains("\"username\":\"dr.jones\"", "\"role\":\"THERAPIST\"");
        Answer list = send(HttpRequest.GET("/api/users").bearerAuth(accounts.adminToken()));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("dr.jones").doesNotContain("argon2").doesNotContain("whip-and-hat")
                .doesNotContainIgnoringCase("password");
    }

    @Test
    void invalidNewUsersAnswer400NamingTheField() {
        String admin = new Accounts(client).adminToken();

        Answer shortPassword = send(HttpRequest.POST("/api/users",
                newUser("shorty", "Shorty", "PATIENT", "123456789")).bearerAuth(admin));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("\"error\":\"invalid_input\"")
                .contains("password: must be at least 10 characters");

        Answer badName = send(HttpRequest.POST("/api/users",
                newUser("no spaces please", "X", "PATIENT", "long-enough-password")).bearerAuth(admin));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).contains("username: must be 3 to 64 characters");

        Answer noRole = send(HttpRequest.POST("/api/users",
                newUser("norole", "No Role", null, "long-enough-password")).bearerAuth(admin));
        assertThat(noRole.status()).isEqualTo(400);
        assertThat(noRole.body()).contains("role: is required");

        Answer unknownRole = send(HttpRequest.POST("/api/users",
                newUser("king", "King", "KING", "long-enough-password")).bearerAuth(admin));
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.body()).contains("\"error\":\"invalid_input\"")
                .contains("role: must be PATIENT, THERAPIST or ADMINISTRATOR");

        Answer noName = send(HttpRequest.POST("/api/users",
                newUser("noname", "  ", "PATIENT", "long-enough-password")).bearerAuth(admin));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.body()).contains("displayName: is required");
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        Accounts accounts = new Accounts(client);
        accounts.create(Role.PATIENT, "maria.k");

        Answer duplicate = send(HttpRequest.POST("/api/users",
                newUser("Maria.K", "Another Maria", "PATIENT", "long-enough-password")).bearerAuth(accounts.adminToken()));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body()).contains("\"error\":\"conflict\"", "already taken");
    }

    @Test
    void onlyAdministratorsManageAccounts() {
        Accounts accounts = new Accounts(client);
        Accounts.User therapist = accounts.therapist();
        Accounts.User patient = accounts.patient();

        for (Accounts.User notAdmin : List.of(therapist, patient)) {
            assertThat(send(notAdmin.authorize(HttpRequest.GET("/api/users"))).status()).isEqualTo(403);
            assertThat(send(notAdmin.authorize(HttpRequest.POST("/api/users",
                    newUser("sneaky", "Sneaky", "ADMINISTRATOR", "long-enough-password")))).status()).isEqualTo(403);
            assertThat(send(notAdmin.authorize(HttpRequest.PUT(
                    "/api/therapists/" + therapist.id() + "/patients/" + patient.id(), ""))).status()).isEqualTo(403);
            assertThat(send(notAdmin.authorize(HttpRequest.POST("/api/users/" + patient.id() + "/disable", ""))).status())
                    .isEqualTo(403);
        }
    }

    @Test
    void patientCannotReadAnotherPatient() {
        Accounts accounts = new Accounts(client);
        Accounts.User alice = accounts.patient();
        Accounts.User bob = accounts.patient();

        assertThat(send(alice.authorize(HttpRequest.GET("/api/patients/" + alice.id()))).status()).isEqualTo(200);
        Answer other = send(alice.authorize(HttpRequest.GET("/api/patients/" + bob.id())));
        Answer missing = send(alice.authorize(HttpRequest.GET("/api/patients/999999")));

        // another patient looks exactly like one that does not exist
        assertThat(other.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(other.body()).isEqualTo(missing.body().replace("999999", Long.toString(bob.id())));
        List<Map<String, Object>> visible = http().retrieve(alice.authorize(HttpRequest.GET("/api/patients")), JSON_LIST);
        assertThat(visible).extracting(p -> ((Number) p.get("id")).longValue()).containsExactly(alice.id());
    }

    @Test
    void therapistReadsAssignedPatientsOnly() {
        Accounts accounts = new Accounts(client);
        Accounts.User therapist = accounts.therapist();
        Accounts.User assigned = accounts.patient();
        Accounts.User unassigned = accounts.patient();
        accounts.assign(therapist, assigned);

        assertThat(send(therapist.authorize(HttpRequest.GET("/api/patients/" + assigned.id()))).status()).isEqualTo(200);
        assertThat(send(therapist.authorize(HttpRequest.GET("/api/patients/" + unassigned.id()))).status())
                .isEqualTo(404);
        List<Map<String, Object>> visible = http().retrieve(therapist.authorize(HttpRequest.GET("/api/patients")),
                JSON_LIST);
        assertThat(visible).extracting(p -> p.get("username")).containsExactly(assigned.username());

        accounts.unassign(therapist, assigned);
        assertThat(send(therapist.authorize(HttpRequest.GET("/api/patients/" + assigned.id()))).status()).isEqualTo(404);
        assertThat(http().retrieve(therapist.authorize(HttpRequest.GET("/api/patients")), JSON_LIST)).isEmpty();
    }

    @Test
    void therapistCannotReadAnotherTherapistAsAPatient() {
        Accounts accounts = new Accounts(client);
        Accounts.User therapist = accounts.therapist();
        Accounts.User colleague = accounts.therapist();

        assertThat(send(therapist.authorize(HttpRequest.GET("/api/patients/" + colleague.id()))).status())
                .isEqualTo(404);
        // even an administrator gets 404 for an id that is not a patient
        assertThat(send(HttpRequest.GET("/api/patients/" + colleague.id()).bearerAuth(accounts.adminToken())).status())
                .isEqualTo(404);
    }

    @Test
    void administratorListsATherapistsPatientsAndAssignmentsCheckRoles() {
        Accounts accounts = new Accounts(client);
        Accounts.User therapist = accounts.therapist();
        Accounts.User p1 = accounts.patient();
        Accounts.User p2 = accounts.patient();
        accounts.assign(therapist, p1);
        accounts.assign(therapist, p2);
        accounts.assign(therapist, p2); // idempotent

        List<Map<String, Object>> patients = http().retrieve(
                HttpRequest.GET("/api/therapists/" + therapist.id() + "/patients").bearerAuth(accounts.adminToken()),
                JSON_LIST);
        assertThat(patients).extracting(p -> p.get("username"))
                .containsExactlyInAnyOrder(p1.username(), p2.username());

        Answer backwards = send(HttpRequest.PUT("/api/therapists/" + p1.id() + "/patients/" + therapist.id(), "")
                .bearerAuth(accounts.adminToken()));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("therapistId: account " + p1.id() + " is a PATIENT, not a THERAPIST");

        Answer noSuchLink = send(HttpRequest.DELETE("/api/therapists/" + therapist.id() + "/patients/999999")
                .bearerAuth(accounts.adminToken()));
        assertThat(noSuchLink.status()).isEqualTo(404);
    }

    @Test
    void patientChangesOwnPassword() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();

        Answer wrongCurrent = send(patient.authorize(HttpRequest.PUT("/api/me/password",
                Map.of("currentPassword", "not-my-password", "newPassword", "a-brand-new-password"))));
        assertThat(wrongCurrent.status()).isEqualTo(403);

        Answer tooShort = send(patient.authorize(HttpRequest.PUT("/api/me/password",
                Map.of("currentPassword", patient.password(), "newPassword", "short"))));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains("newPassword: must be at least 10 characters");

        Answer changed = send(patient.authorize(HttpRequest.PUT("/api/me/password",
                Map.of("currentPassword", patient.password(), "newPassword", "a-brand-new-password"))));
        assertThat(changed.status()).isEqualTo(204);

        assertThat(accounts.login(patient.username(), "a-brand-new-password")).isNotBlank();
        assertThat(send(HttpRequest.POST("/login",
                Map.of("username", patient.username(), "password", patient.password()))).status()).isEqualTo(401);
    }

    @Test
    void administratorCannotDisableThemselves() {
        Accounts accounts = new Accounts(client);
        Accounts.User admin = accounts.admin();

        Answer self = send(admin.authorize(HttpRequest.POST("/api/users/" + admin.id() + "/disable", "")));

        assertThat(self.status()).isEqualTo(409);
        assertThat(self.body()).contains("cannot disable your own account");
    }
}
