package org.equilibrium.session.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.sim.engine.DeviceInfo;
import org.equilibrium.sim.engine.Runner;
import org.equilibrium.sim.engine.Simulation;
import org.equilibrium.sim.mqtt.MqttSink;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.ScenarioLibrary;
import org.equilibrium.testsupport.Accounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service against a real Mosquitto and InfluxDB, fed by the firmware simulator running in-process at
 * 120× real time: scenario → claim (code from the retained status) → session → SSE estimates → end → summary,
 * history and a FHIR export. The estimates are scored against the simulator's ground truth
 * ({@link TruthScoring}); the confusion matrices go to {@code target/session-scoring.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedSessionEndToEndTest {
    private static final double SPEED = 120;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, TruthScoring.Result> RESULTS = Collections.synchronizedMap(new LinkedHashMap<>());

    @TempDir
    static Path dir;
    static LocalServer broker;
    static LocalServer influx;
    static EmbeddedServer server;
    static BlockingHttpClient http;
    static Accounts accounts;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        broker = LocalServers.startMosquitto(dir.resolve("mosquitto"));
        influx = LocalServers.startInflux(dir.resolve("influx"));
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("equilibrium.mqtt.enabled", true);
        p.put("equilibrium.mqtt.url", broker.url());
        p.put("equilibrium.mqtt.client-id", "it-sessions");
        p.put("equilibrium.data-dir", dir.resolve("data").toString());
        p.put("equilibrium.registry.flush-interval", "200ms");
        p.put("equilibrium.influx.url", influx.url());
        p.put("equilibrium.influx.database", "sessions_it");
        p.put("equilibrium.influx.spool-dir", dir.resolve("spool").toString());
        p.put("equilibrium.sessions.poll-interval", "50ms");
        server = ApplicationContext.run(EmbeddedServer.class, p);
        base = "http://127.0.0.1:" + server.getPort();
        HttpClient client = HttpClient.create(new URL(base));
        http = client.toBlocking();
        accounts = new Accounts(client);
        awaitSubscribed();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (broker != null) {
            broker.close();
        }
        if (influx != null) {
            influx.close();
        }
        if (!RESULTS.isEmpty()) {
            StringBuilder md = new StringBuilder("# Session estimates scored against the simulator's ground truth\n\n"
                    + "Written by `SimulatedSessionEndToEndTest` (scenario at " + (int) SPEED + "× through Mosquitto, "
                    + "ingest, the live session engine and SSE). Truth bands and fault rules: `TruthScoring`.\n\n");
            RESULTS.values().forEach(r -> md.append(r.markdown()));
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/session-scoring.md"), md.toString());
        }
    }

    private static void awaitSubscribed() throws Exception {
        String token = accounts.adminToken();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String health;
            try {
                health = http.retrieve(HttpRequest.GET("/health").bearerAuth(token));
            } catch (HttpClientResponseException down) {
                // 503 while any indicator (mqtt before its subscription) is still DOWN
                health = down.getResponse().getBody(String.class).orElse("");
            }
            if (health.contains("\"subscribed\":true")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("service did not subscribe to the broker");
    }

    /** One scenario run as a clinic session; returns what the live stream carried and the truth. */
    record Run(String sessionId, Accounts.User patient, Accounts.User therapist, DeviceInfo strap, long simStartMs,
               List<String> truth, SseRecorder live) {
    }

    static Run run(String scenarioName) throws Exception {
        Scenario scenario = new ScenarioLibrary(Path.of("firmware-sim/scenarios")).load(scenarioName);
        Accounts.User patient = accounts.patient();
        Accounts.User therapist = accounts.therapist();
        accounts.assign(therapist, patient);
        List<String> truth = Collections.synchronizedList(new ArrayList<>());
        long simStart = System.currentTimeMillis() + 3_000;
        MqttSink sink = new MqttSink(new MqttSink.Options(broker.url(), "", MqttSink.Mode.PER_DEVICE, 1,
                "it-" + scenarioName + "-"));
        Simulation sim = new Simulation(scenario, simStart, sink, truth::add);
        sim.start();
        DeviceInfo strap = sim.devices().stream().filter(d -> !d.stimulator()).findFirst().orElseThrow();
        DeviceRegistry registry = server.getApplicationContext().getBean(DeviceRegistry.class);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (registry.find(strap.id()).map(d -> d.claimCode()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // Unpaired devices are listed to a signed-in patient, without the claim code.
        String unpaired = http.retrieve(patient.authorize(HttpRequest.GET("/api/devices?unpaired=true")));
        assertThat(unpaired).contains("\"id\":\"" + strap.id() + "\"").doesNotContain(strap.claimCode());
        // A wrong code is refused; the right one pairs the strap with the patient.
        HttpClientResponseException wrong = org.junit.jupiter.api.Assertions.assertThrows(
                HttpClientResponseException.class, () -> http.exchange(therapist.authorize(HttpRequest.POST(
                        "/api/devices/" + strap.id() + "/claim", Map.of("claim_code", "WRNG-CODE",
                                "patient_id", patient.id())))));
        assertThat(wrong.getStatus().getCode()).isEqualTo(403);
        Map<String, Object> device = http.retrieve(therapist.authorize(HttpRequest.POST("/api/devices/" + strap.id()
                        + "/claim", Map.of("claim_code", strap.claimCode(), "patient_id", patient.id()))),
                Argument.mapOf(String.class, Object.class));
        assertThat(((Number) device.get("patient_id")).longValue()).isEqualTo(patient.id());
        assertThat(device.get("kind")).isEqualTo("hr-sensor");

        HttpResponse<Map<String, Object>> started = http.exchange(therapist.authorize(HttpRequest.POST("/api/sessions",
                Map.of("patient_id", patient.id(), "practice", "paced-breathing", "context", "clinic",
                        "modalities", List.of("mindfulness"), "pain_start", 3))), Argument.mapOf(String.class,
                Object.class));
        assertThat(started.getStatus().getCode()).isEqualTo(201);
        String sessionId = (String) started.body().get("id");
        SseRecorder live = new SseRecorder(base + "/api/sessions/" + sessionId + "/live", therapist.token());
        assertThat(live.status(WAIT)).isEqualTo(200);
        live.await(ev -> ev.stream().anyMatch(e -> e.name().equals("session")), WAIT);

        Runner.Summary summary = Runner.run(sim, SPEED, (s, wallS, done) -> { }, () -> false);
        sink.close();
        assertThat(sink.failures()).as("simulator publish failures").isZero();
        long lastTick = simStart + summary.virtualS() > 0 ? simStart + (long) (summary.virtualS() * 1000) - 10_000 : 0;
        live.await(ev -> ev.stream().filter(e -> e.name().equals("estimate"))
                .anyMatch(e -> e.data().get("t_ms").asLong() >= lastTick), WAIT);
        return new Run(sessionId, patient, therapist, strap, simStart, truth, live);
    }

    static TruthScoring.Result score(String scenario, Run r) throws Exception {
        List<TruthScoring.Estimate> estimates = r.live().named("estimate").stream()
                .map(e -> new TruthScoring.Estimate(e.data().get("t_ms").asLong(), e.data().get("state").asText(),
                        e.data().get("quality").asText())).toList();
        List<TruthScoring.TruthSecond> truth = TruthScoring.parse(r.truth()).stream()
                .filter(t -> true).toList();
        TruthScoring.Result result = TruthScoring.score(scenario, truth, estimates, r.simStartMs());
        // The raw material of the scoring, for a reader who wants to look at a disagreement.
        StringBuilder lines = new StringBuilder();
        r.live().named("estimate").forEach(e -> lines.append(e.data()).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/session-estimates-" + scenario + ".jsonl"), lines.toString());
        Files.writeString(Path.of("target/session-truth-" + scenario + ".jsonl"), String.join("\n", r.truth()));
        RESULTS.put(scenario, result);
        System.out.println(result.markdown());
        return result;
    }

    static void end(Run r) {
        http.exchange(r.therapist().authorize(HttpRequest.POST("/api/sessions/" + r.sessionId() + "/end",
                Map.of("pain_end", 1))));
    }

    @Test
    @Order(1)
    void relaxationSessionRunsEndToEndFromClaimToFhirExport() throws Exception {
        Run r = run("relaxation-session");
        try (SseRecorder live = r.live()) {
            // Phase change, marker and rating go out on the live stream as they happen.
            http.exchange(r.therapist().authorize(HttpRequest.POST("/api/sessions/" + r.sessionId() + "/markers",
                    Map.of("text", "reports calm 8/10"))));
            live.await(ev -> ev.stream().anyMatch(e -> e.name().equals("marker")
                    && e.data().get("text").asText().equals("reports calm 8/10")), WAIT);
            end(r);
            live.await(ev -> ev.stream().anyMatch(e -> e.name().equals("ended")), WAIT);
            assertThat(live.named("beat")).hasSizeGreaterThan(1000);
            List<SseRecorder.Event> estimates = live.named("estimate");
            assertThat(estimates).hasSizeGreaterThan(200);
            JsonNode last = estimates.get(estimates.size() - 1).data();
            assertThat(last.get("session_id").asText()).isEqualTo(r.sessionId());
            assertThat(last.has("connection")).isTrue();
            assertThat(estimates.stream().filter(e -> e.data().get("quality").asText().equals("ok")).count())
                    .isGreaterThan(150);

            TruthScoring.Result result = score("relaxation-session", r);
            assertThat(result.okDefinite()).as("ok windows with a definite truth").isGreaterThan(150);

            // History is read back from InfluxDB: the stored estimates are the ones the stream carried.
            List<Map<String, Object>> stored = awaitHistory(r, estimates.size());
            assertThat(stored).hasSize(estimates.size());
            String beats = http.retrieve(r.therapist().authorize(HttpRequest.GET("/api/sessions/" + r.sessionId()
                    + "/beats")));
            assertThat(JSON.readTree(beats).size()).isGreaterThan(1000);

            Map<String, Object> summary = http.retrieve(r.therapist().authorize(HttpRequest.GET("/api/sessions/"
                    + r.sessionId() + "/summary")), Argument.mapOf(String.class, Object.class));
            JsonNode phases = JSON.valueToTree(summary.get("phases"));
            assertThat(phases.size()).isEqualTo(2);
            assertThat(phases.get(0).get("phase").asText()).isEqualTo("baseline");
            assertThat(phases.get(1).get("phase").asText()).isEqualTo("practice");
            assertThat(phases.get(1).get("rmssd_ms").asDouble()).as("paced breathing raises RMSSD")
                    .isGreaterThan(phases.get(0).get("rmssd_ms").asDouble());
            assertThat(phases.get(1).get("time_in_state_s").get("parasympathetic").asDouble()).isGreaterThan(300);

            HttpResponse<String> fhir = http.exchange(r.therapist().authorize(HttpRequest.GET("/api/sessions/"
                    + r.sessionId() + "/export?format=fhir")), String.class);
            assertThat(fhir.header("Content-Disposition")).startsWith("attachment");
            JsonNode bundle = JSON.readTree(fhir.body());
            assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
            assertThat(bundle.get("type").asText()).isEqualTo("collection");
            assertThat(bundle.get("entry").size()).isGreaterThan(4);
            JsonNode hr = null;
            for (JsonNode e : bundle.get("entry")) {
                JsonNode res = e.get("resource");
                assertThat(res.get("resourceType").asText()).isEqualTo("Observation");
                assertThat(res.get("status").asText()).isEqualTo("final");
                assertThat(res.get("subject").get("reference").asText()).isEqualTo("Patient/" + r.patient().id());
                if (res.get("code").get("coding").get(0).get("code").asText().equals("8867-4")) {
                    hr = res;
                }
            }
            assertThat(hr).as("a heart-rate observation").isNotNull();
            assertThat(hr.get("code").get("coding").get(0).get("system").asText()).isEqualTo("http://loinc.org");
            assertThat(hr.get("valueQuantity").get("code").asText()).isEqualTo("/min");
            assertThat(hr.get("valueQuantity").get("value").asDouble()).isBetween(40.0, 120.0);
        }
    }

    @Test
    @Order(2)
    void stressThenCalmIsTrackedThroughTheShifts() throws Exception {
        Run r = run("stress-then-calm");
        try (SseRecorder live = r.live()) {
            end(r);
            TruthScoring.Result result = score("stress-then-calm", r);
            assertThat(result.shifts()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(result.confusion().get(TruthScoring.Label.SYMPATHETIC).getOrDefault("sympathetic", 0))
                    .as("the stress spike is seen").isGreaterThan(30);
            assertThat(live.named("alert").stream().map(e -> e.data().get("kind").asText()))
                    .contains("sympathetic-surge");
        }
    }

    @Test
    @Order(3)
    void flakyStrapFaultsAreFlaggedNotMislabelled() throws Exception {
        Run r = run("flaky-strap");
        try (SseRecorder live = r.live()) {
            end(r);
            TruthScoring.Result result = score("flaky-strap", r);
            assertThat(result.dataLossWindows()).isGreaterThan(0);
            assertThat(result.dataLossFlagged()).as("data-loss windows flagged").isEqualTo(result.dataLossWindows());
            assertThat(result.faultMislabelled()).as("fault windows with a wrong label").isZero();
            assertThat(result.agreement()).as("state agreement on ok windows").isGreaterThanOrEqualTo(0.85);
            assertThat(live.named("estimate").stream().map(e -> e.data().get("connection").asText()))
                    .contains("stale");
        }
    }

    @Test
    @Order(4)
    void relaxationSessionMeetsTheIssueTargets() {
        assertMeetsTargets("relaxation-session");
    }

    /*
     * The issue's targets for stress-then-calm, original assertions. With the HR term scored over the last 30 s
     * (src/docs/sessions.md §2 and §6) it measured 156/172 = 90.7 % agreement and shifts detected after 14 s,
     * 50 s and 21 s in five runs. With the 60-s HR the stress → recovery shift took 65 s and this test was
     * disabled.
     */
    @Test
    @Order(5)
    void stressThenCalmMeetsTheIssueTargets() {
        assertMeetsTargets("stress-then-calm");
    }

    private static void assertMeetsTargets(String name) {
        TruthScoring.Result result = RESULTS.get(name);
        assertThat(result).as(name + " ran").isNotNull();
        assertThat(result.agreement()).as(name + ": state agreement on ok windows").isGreaterThanOrEqualTo(0.85);
        assertThat(result.shifts()).isNotEmpty().allSatisfy(s -> assertThat(s.detectedAfterMs())
                .as(name + ": detection of %s", s).isNotNull().isLessThanOrEqualTo(60_000L));
    }

    private static List<Map<String, Object>> awaitHistory(Run r, int expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<Map<String, Object>> stored = List.of();
        while (System.nanoTime() < deadline) {
            stored = http.retrieve(r.therapist().authorize(HttpRequest.GET("/api/sessions/" + r.sessionId()
                    + "/estimates")), Argument.listOf(Argument.mapOf(String.class, Object.class)));
            if (stored.size() >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        return stored;
    }
}
