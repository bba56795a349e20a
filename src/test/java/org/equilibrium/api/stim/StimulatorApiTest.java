package org.equilibrium.api.stim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.device.profile.ProfileRegistry;
import org.equilibrium.session.stimulation.CommandPort;
import org.equilibrium.session.stimulation.StimulatorCommandService;
import org.equilibrium.session.stimulation.StimulatorDirectory;
import org.equilibrium.session.stimulation.StimulatorTarget;
import org.equilibrium.session.stimulation.wiring.MqttCommandPort;
import org.equilibrium.session.stimulation.wiring.RegistryStimulatorDirectory;
import org.equilibrium.testsupport.Accounts;
import org.junit.jupiter.api.Test;

/**
 * The command path through HTTP, security, the envelope, the H2 audit table and back. The device side is a recording
 * command port (the MQTT round trip is the ingest/simulator integration tests' business); ownership comes from a
 * test directory because pairing is not built yet.
 */
@MicronautTest
@Property(name = "spec.name", value = "StimulatorApiTest")
@Property(name = "equilibrium.mqtt.enabled", value = "false")
class StimulatorApiTest {
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    RecordingPort port;
    @Inject
    TestDirectory directory;
    @Inject
    StimulatorCommandService service;
    @Inject
    ProfileRegistry profiles;

    @Singleton
    @Replaces(MqttCommandPort.class)
    @Requires(property = "spec.name", value = "StimulatorApiTest")
    static class RecordingPort implements CommandPort {
        final List<String> published = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> publish(DeviceId device, String json) {
            published.add(device.value() + " " + json);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Singleton
    @Replaces(RegistryStimulatorDirectory.class)
    @Requires(property = "spec.name", value = "StimulatorApiTest")
    static class TestDirectory implements StimulatorDirectory {
        final Map<String, StimulatorTarget> devices = new ConcurrentHashMap<>();

        @Override
        public Optional<StimulatorTarget> find(String deviceId) {
            return Optional.ofNullable(devices.get(deviceId));
        }
    }

    private String pairedTens(String deviceId, Accounts.User patient) {
        directory.devices.put(deviceId, new StimulatorTarget(deviceId, patient.id(), "equilibrium-sim-tens",
                profiles.byId("equilibrium-sim-tens").orElseThrow().safety()));
        service.onTelemetry(new DeviceId(deviceId), new StimReading(0, null, StimReading.Modality.TENS,
                StimReading.State.STOPPED, null, 1, null, null, 0.0, true, null, null, null));
        return deviceId;
    }

    private HttpResponse<StimCommandView> post(Accounts.User user, String device, String body) {
        return client.toBlocking().exchange(user.authorize(HttpRequest.POST("/api/devices/" + device
                + "/stim/commands", body)), StimCommandView.class);
    }

    private List<Map<String, Object>> audit(Accounts.User user, String device) {
        return client.toBlocking().retrieve(user.authorize(HttpRequest.GET("/api/devices/" + device + "/stim/audit")),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    @Test
    void assignedTherapistStartsWithinTheEnvelopeAndTheAckIsAudited() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();
        Accounts.User therapist = accounts.therapist();
        accounts.assign(therapist, patient);
        String dev = pairedTens("tens-a1", patient);

        HttpResponse<StimCommandView> r = post(therapist, dev,
                "{\"op\":\"start\",\"current_ua\":900,\"frequency_hz\":80,\"pulse_width_us\":200}");
        assertThat(r.status().getCode()).isEqualTo(HttpStatus.ACCEPTED.getCode());
        StimCommandView v = r.body();
        assertThat(v.accepted()).isTrue();
        assertThat(v.published()).isEqualTo("{\"id\":\"" + v.commandId()
                + "\",\"op\":\"start\",\"current_ua\":900,\"frequency_hz\":80,\"pulse_width_us\":200}");
        assertThat(port.published).contains(dev + " " + v.published());

        service.onAck(new DeviceId(dev), ("{\"id\":\"" + v.commandId() + "\",\"ok\":true,\"applied\":{\"op\":\"start\","
                + "\"current_ua\":900,\"ramp_ua_per_s\":2000}}").getBytes(StandardCharsets.UTF_8));

        List<Map<String, Object>> lines = audit(patient, dev);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).containsEntry("kind", "COMMAND").containsEntry("actor", therapist.username())
                .containsEntry("actor_role", "THERAPIST").containsEntry("op", "start").containsEntry("current_ua", 900)
                .containsEntry("decision", "SENT").containsEntry("command_id", v.commandId());
        assertThat(lines.get(1)).containsEntry("kind", "ACK").containsEntry("decision", "ACK_OK")
                .containsEntry("command_id", v.commandId())
                .containsEntry("applied", "{\"op\":\"start\",\"current_ua\":900,\"ramp_ua_per_s\":2000}");
    }

    @Test
    void outOfEnvelopeIsRefusedWith422AndAuditedAndNothingIsPublished() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();
        String dev = pairedTens("tens-b1", patient);
        int before = port.published.size();

        assertThatThrownBy(() -> post(patient, dev,
                "{\"op\":\"start\",\"current_ua\":90000,\"frequency_hz\":80,\"pulse_width_us\":200}"))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
                    StimCommandView body = e.getResponse().getBody(StimCommandView.class).orElseThrow();
                    assertThat(body.accepted()).isFalse();
                    assertThat(body.reason()).isEqualTo("current_ua 90000 outside profile limits 0-80000");
                });
        assertThat(port.published).hasSize(before);
        assertThat(audit(patient, dev)).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("decision", "REFUSED").containsEntry("actor_role", "PATIENT")
                .containsEntry("reason", "current_ua 90000 outside profile limits 0-80000"));
    }

    @Test
    void stopIsAcceptedEvenWhenNothingElseWouldBe() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();
        String dev = pairedTens("tens-c1", patient);
        HttpResponse<StimCommandView> r = post(patient, dev, "{\"op\":\"stop\"}");
        assertThat(r.status().getCode()).isEqualTo(HttpStatus.ACCEPTED.getCode());
        assertThat(r.body().published()).isEqualTo("{\"id\":\"" + r.body().commandId() + "\",\"op\":\"stop\"}");
    }

    @Test
    void administratorsDoNotDriveStimulatorsButMayReadTheAudit() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();
        String dev = pairedTens("tens-d1", patient);
        assertThatThrownBy(() -> post(accounts.admin(), dev, "{\"op\":\"stop\"}"))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode()));
        assertThat(audit(accounts.admin(), dev)).isEmpty();
    }

    @Test
    void strangersGet404AndAnonymousCallers401() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();
        Accounts.User otherPatient = accounts.patient();
        Accounts.User unassigned = accounts.therapist();
        String dev = pairedTens("tens-e1", patient);
        for (Accounts.User u : List.of(otherPatient, unassigned)) {
            assertThatThrownBy(() -> post(u, dev, "{\"op\":\"stop\"}"))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
            assertThatThrownBy(() -> audit(u, dev)).isInstanceOfSatisfying(HttpClientResponseException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
        }
        assertThatThrownBy(() -> client.toBlocking().exchange(HttpRequest.POST("/api/devices/" + dev
                + "/stim/commands", "{\"op\":\"stop\"}"))).isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
        assertThat(port.published).noneMatch(p -> p.startsWith(dev + " "));
    }

    @Test
    void anUnknownOpIsABadRequest() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();
        String dev = pairedTens("tens-f1", patient);
        assertThatThrownBy(() -> post(patient, dev, "{\"op\":\"overdrive\"}"))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode()));
    }

    @Test
    void requestBodiesOverTheLimitAreRefusedBeforeAnyController() {
        Accounts accounts = new Accounts(client);
        Accounts.User patient = accounts.patient();
        String dev = pairedTens("tens-g1", patient);
        String huge = "{\"op\":\"stop\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertThatThrownBy(() -> post(patient, dev, huge)).isInstanceOfSatisfying(HttpClientResponseException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()));
        assertThat(port.published).noneMatch(p -> p.startsWith(dev + " "));
    }
}
