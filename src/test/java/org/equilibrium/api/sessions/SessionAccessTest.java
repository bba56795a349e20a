package org.equilibrium.api.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.testsupport.Accounts;
import org.junit.jupiter.api.Test;

/**
 * Who may see what through the device, session and live endpoints: a patient only their own, a therapist only
 * assigned patients, everything else answered 404 exactly like data that does not exist.
 */
@MicronautTest
class SessionAccessTest {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    DeviceRegistry registry;
    @Inject
    EmbeddedServer server;

    private BlockingHttpClient http() {
        return client.toBlocking();
    }

    /** A strap as ingest would register it: seen on the contract's hr stream, with a claim code in its status. */
    private String strap(String claim) {
        String id = "strap-" + UUID.randomUUID().toString().substring(0, 8);
        DeviceId d = new DeviceId(id);
        registry.seen(d, "hr", System.currentTimeMillis());
        registry.onStatus(d, new StatusReading(System.currentTimeMillis(), true, null, "1.0", 90, claim));
        return id;
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return http().exchange(request).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private String startHomeSession(Accounts.User patient) {
        String device = strap("ABCD-EFGH");
        http().exchange(patient.authorize(HttpRequest.POST("/api/devices/" + device + "/claim",
                Map.of("claim_code", "abcd efgh"))));
        Map<String, Object> s = http().retrieve(patient.authorize(HttpRequest.POST("/api/sessions",
                Map.of("patient_id", patient.id(), "practice", "body-scan", "context", "home"))), JSON);
        return (String) s.get("id");
    }

    @Test
    void aPatientSeesNoneOfAnotherPatientsSessionsStreamsExportsOrDevices() {
        Accounts accounts = new Accounts(client);
        Accounts.User a = accounts.patient();
        Accounts.User b = accounts.patient();
        String sessionB = startHomeSession(b);
        String deviceB = (String) ((List<Map<String, Object>>) http().retrieve(b.authorize(HttpRequest.GET(
                "/api/sessions/" + sessionB)), JSON).get("devices")).get(0).get("id");

        for (String path : List.of("", "/summary", "/estimates", "/beats", "/export?format=fhir",
                "/export?format=beats-csv", "/live")) {
            assertThat(status(a.authorize(HttpRequest.GET("/api/sessions/" + sessionB + path))))
                    .as("GET session%s of another patient", path).isEqualTo(404);
        }
        assertThat(status(a.authorize(HttpRequest.POST("/api/sessions/" + sessionB + "/markers", Map.of("text", "x")))))
                .isEqualTo(404);
        assertThat(status(a.authorize(HttpRequest.POST("/api/sessions/" + sessionB + "/end", Map.of())))).isEqualTo(404);
        assertThat(status(a.authorize(HttpRequest.POST("/api/sessions", Map.of("patient_id", b.id(),
                "context", "home"))))).as("starting a session for another patient").isEqualTo(404);
        assertThat(http().retrieve(a.authorize(HttpRequest.GET("/api/sessions?patient_id=" + b.id())),
                Argument.listOf(JSON))).isEmpty();
        assertThat(http().retrieve(a.authorize(HttpRequest.GET("/api/sessions")), String.class))
                .doesNotContain(sessionB);
        // Devices: the other patient's paired strap is neither listed nor readable nor releasable.
        assertThat(http().retrieve(a.authorize(HttpRequest.GET("/api/devices")), String.class)).doesNotContain(deviceB);
        assertThat(status(a.authorize(HttpRequest.GET("/api/devices/" + deviceB)))).isEqualTo(404);
        assertThat(status(a.authorize(HttpRequest.DELETE("/api/devices/" + deviceB + "/pairing")))).isEqualTo(404);
        // The owner still can.
        assertThat(status(b.authorize(HttpRequest.GET("/api/sessions/" + sessionB)))).isEqualTo(200);
    }

    @Test
    void aTherapistSeesAssignedPatientsOnlyIncludingTheWardStream() throws Exception {
        Accounts accounts = new Accounts(client);
        Accounts.User mine = accounts.patient();
        Accounts.User other = accounts.patient();
        Accounts.User therapist = accounts.therapist();
        accounts.assign(therapist, mine);
        String sessionMine = startHomeSession(mine);
        String sessionOther = startHomeSession(other);

        assertThat(status(therapist.authorize(HttpRequest.GET("/api/sessions/" + sessionMine)))).isEqualTo(200);
        for (String path : List.of("", "/summary", "/export?format=json", "/live", "/estimates")) {
            assertThat(status(therapist.authorize(HttpRequest.GET("/api/sessions/" + sessionOther + path))))
                    .as("GET session%s of an unassigned patient", path).isEqualTo(404);
        }
        assertThat(status(therapist.authorize(HttpRequest.POST("/api/sessions/" + sessionOther + "/phase",
                Map.of("phase", "practice"))))).isEqualTo(404);

        // The ward stream opens with a session event per visible active session: the assigned one only.
        java.net.http.HttpClient raw = java.net.http.HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> ward = raw.send(java.net.http.HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.getPort() + "/api/live/ward"))
                .header("Authorization", "Bearer " + therapist.token()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(ward.statusCode()).isEqualTo(200);
        assertThat(ward.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        StringBuilder seen = new StringBuilder();
        try (var in = ward.body()) {
            byte[] buf = new byte[8192];
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!seen.toString().contains(sessionMine) && System.nanoTime() < deadline) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                seen.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(seen.toString()).contains("event: session").contains(sessionMine).doesNotContain(sessionOther);
    }

    @Test
    void oneActiveSessionPerPatientAndNoSessionWithoutAStrap() {
        Accounts accounts = new Accounts(client);
        Accounts.User p = accounts.patient();
        assertThat(status(p.authorize(HttpRequest.POST("/api/sessions", Map.of("patient_id", p.id(),
                "context", "home"))))).as("no paired heart-rate sensor").isEqualTo(422);
        startHomeSession(p);
        assertThat(status(p.authorize(HttpRequest.POST("/api/sessions", Map.of("patient_id", p.id(),
                "context", "home"))))).as("second active session").isEqualTo(409);
        assertThat(status(p.authorize(HttpRequest.POST("/api/sessions", Map.of("patient_id", p.id(),
                "context", "clinic"))))).as("a patient cannot run a clinic session (and has one active)")
                .isIn(409);
    }

    @Test
    void wrongClaimCodesAreRefusedThenThrottledAndAPairedDeviceCannotBeClaimedAgain() {
        Accounts accounts = new Accounts(client);
        Accounts.User p = accounts.patient();
        Accounts.User q = accounts.patient();
        String device = strap("K7Q2-9XWM");
        for (int i = 0; i < 5; i++) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http().exchange(
                    p.authorize(HttpRequest.POST("/api/devices/" + device + "/claim", Map.of("claim_code", "AAAA-AAAA")))));
            assertThat(e.getStatus().getCode()).isEqualTo(403);
            assertThat(e.getResponse().getBody(String.class).orElse("")).contains("claim code does not match");
        }
        HttpClientResponseException throttled = assertThrows(HttpClientResponseException.class, () -> http().exchange(
                p.authorize(HttpRequest.POST("/api/devices/" + device + "/claim", Map.of("claim_code", "K7Q2-9XWM")))));
        assertThat(throttled.getStatus().getCode()).as("even the right code while throttled").isEqualTo(429);
        assertThat(throttled.getResponse().getHeaders().get("Retry-After")).isNotNull();

        String other = strap("ZZZZ-2222");
        assertThat(status(p.authorize(HttpRequest.POST("/api/devices/" + other + "/claim",
                Map.of("claim_code", "ZZZZ-2222"))))).isEqualTo(200);
        assertThat(status(q.authorize(HttpRequest.POST("/api/devices/" + other + "/claim",
                Map.of("claim_code", "ZZZZ-2222"))))).isEqualTo(409);
        // Unpairing keeps the pairing history: one closed period.
        assertThat(status(p.authorize(HttpRequest.DELETE("/api/devices/" + other + "/pairing")))).isEqualTo(204);
        List<Map<String, Object>> periods = http().retrieve(accounts.admin().authorize(HttpRequest.GET(
                "/api/devices/" + other + "/pairings")), Argument.listOf(JSON));
        assertThat(periods).hasSize(1);
        assertThat(((Number) periods.get(0).get("patient_id")).longValue()).isEqualTo(p.id());
        assertThat(periods.get(0).get("to_ms")).isNotNull();
    }
}
