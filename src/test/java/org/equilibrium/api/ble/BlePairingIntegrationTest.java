package org.equilibrium.api.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.equilibrium.transport.mqtt.ArrivalCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.equilibrium.device.DeviceId;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.ingest.BeatListener;
import org.equilibrium.ingest.IngestListeners;
import org.equilibrium.storage.Sample;
import org.equilibrium.testing.ServiceUnderTest;
import org.equilibrium.testsupport.Accounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service side of BLE pairing over a real Mosquitto: a fake gateway (plain Paho speaking the topics of
 * src/docs/ble.md, no TinyB) reports a scan; a therapist lists it and pairs the Polar strap to an assigned patient;
 * the gateway receives the exact {@code connect} instruction and acks it; the strap's raw 0x2A37 bytes are then
 * stored under the paired device, its {@code gap} reaches the beat listeners as a gap, and the gateway going
 * offline takes the strap offline.
 */
class BlePairingIntegrationTest {
    private static final String GW = "home-pi";
    private static final String ADDRESS = "DE:B1:63:C1:39:69";
    private static final String DEVICE = "ble-deb163c13969";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCAN = """
            {"ts": 1763740800123, "gateway": "home-pi",
             "devices": [
               {"address": "DE:B1:63:C1:39:69", "device_id": "ble-deb163c13969", "name": "Polar H10 9E154364",
                "rssi": -62, "services": ["0000180d-0000-1000-8000-00805f9b34fb", "0000180f-0000-1000-8000-00805f9b34fb"],
                "profile": "polar-h10", "kind": "hr-sensor", "linked": false, "connected": false}]}
            """;

    @TempDir
    static Path dir;
    static LocalServer broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = LocalServers.startMosquitto(dir.resolve("mosquitto"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** The gateway's MQTT side: records the instructions it gets and acks each, as the real worker does. */
    static final class FakeGateway implements ArrivalCallback, AutoCloseable {
        final MqttClient client;
        final List<String> instructions = new CopyOnWriteArrayList<>();

        FakeGateway(String url) throws MqttException {
            client = new MqttClient(url, "fake-gateway", new MemoryPersistence());
            client.setCallback(this);
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            client.connect(o);
            client.subscribe("biofeedback/v1/gateway/" + GW + "/cmd", 1);
        }

        void publish(String topic, byte[] payload, int qos, boolean retained, Long tsMs) throws MqttException {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(qos);
            m.setRetained(retained);
            if (tsMs != null) {
                MqttProperties p = new MqttProperties();
                p.setUserProperties(List.of(new UserProperty("ts", Long.toString(tsMs))));
                m.setProperties(p);
            }
            client.publish(topic, m);
        }

        void publish(String topic, String json, boolean retained) throws MqttException {
            publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, retained, null);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            String json = new String(message.getPayload(), StandardCharsets.UTF_8);
            instructions.add(json);
            JsonNode n = JSON.readTree(json);
            String ack = "{\"id\":\"" + n.get("id").asText() + "\",\"ok\":true,\"address\":\"" + ADDRESS
                    + "\",\"device_id\":\"" + DEVICE + "\"}";
            // publish from another thread: Paho does not allow a blocking publish inside its callback
            new Thread(() -> {
                try {
                    publish("biofeedback/v1/gateway/" + GW + "/cmd/ack", ack, false);
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }).start();
        }






        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }

    private static <T> T await(Supplier<T> value, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T v = value.get();
        while (!done.test(v)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached; last value " + v);
            }
            Thread.sleep(50);
            v = value.get();
        }
        return v;
    }

    @Test
    void therapistPairsAStrapFromTheGatewaysScanAndItsDataArrivesUnderThePatient(@TempDir Path data) throws Exception {
        try (ServiceUnderTest s = ServiceUnderTest.start(broker.url(), "it-ble-pair", data, Map.of());
             HttpClient client = HttpClient.create(s.bean(EmbeddedServer.class).getURL());
             FakeGateway gateway = new FakeGateway(broker.url())) {
            List<String> beatEvents = new CopyOnWriteArrayList<>();
            s.bean(IngestListeners.class).addBeatListener(new BeatListener() {
                @Override
                public void onBeat(DeviceId device, long beatEndMs, double rrMs) {
                    beatEvents.add("beat " + device + " " + beatEndMs + " " + rrMs);
                }

                @Override
                public void onGap(DeviceId device, long fromMs, long toMs, String cause) {
                    beatEvents.add("gap " + device + " " + fromMs + ".." + toMs + " " + cause);
                }
            });
            Accounts accounts = new Accounts(client);
            Accounts.User therapist = accounts.therapist();
            Accounts.User patient = accounts.patient();
            accounts.assign(therapist, patient);
            BlockingHttpClient http = client.toBlocking();

            gateway.publish("biofeedback/v1/gateway/" + GW + "/status",
                    "{\"online\": true, \"kind\": \"ble-gateway\", \"adapter\": \"hci0\", \"ts\": 1763740800000}", true);
            gateway.publish("biofeedback/v1/gateway/" + GW + "/scan", SCAN, true);

            List<Map<String, Object>> scan = await(() -> http.retrieve(
                    therapist.authorize(HttpRequest.GET("/api/ble/scan")), Argument.listOf(Argument.mapOf(String.class,
                            Object.class))), l -> !l.isEmpty());
            assertThat(scan).hasSize(1);
            Map<String, Object> strap = scan.get(0);
            assertThat(strap).containsEntry("gateway_id", GW).containsEntry("gateway_online", true)
                    .containsEntry("address", ADDRESS).containsEntry("device_id", DEVICE)
                    .containsEntry("name", "Polar H10 9E154364").containsEntry("rssi_dbm", -62)
                    .containsEntry("profile_id", "polar-h10").containsEntry("kind", "hr-sensor")
                    .containsEntry("linked", false).containsEntry("connected", false)
                    .containsEntry("scanned_ms", 1_763_740_800_123L);
            assertThat(strap.get("services")).isEqualTo(List.of("0000180d-0000-1000-8000-00805f9b34fb",
                    "0000180f-0000-1000-8000-00805f9b34fb"));
            assertThat(strap.get("paired_to_patient")).isNull();

            // nothing goes to the gateway for a patient the therapist may not act for, or an address it never saw
            Accounts.User stranger = accounts.patient();
            HttpClientResponseException notAssigned = assertThrows(HttpClientResponseException.class, () ->
                    http.exchange(therapist.authorize(HttpRequest.POST("/api/ble/pair",
                            Map.of("gateway_id", GW, "address", ADDRESS, "patient_id", stranger.id())))));
            assertThat(notAssigned.getStatus().getCode()).isEqualTo(404);
            HttpClientResponseException unseen = assertThrows(HttpClientResponseException.class, () ->
                    http.exchange(therapist.authorize(HttpRequest.POST("/api/ble/pair",
                            Map.of("gateway_id", GW, "address", "C0:FF:EE:12:34:56", "patient_id", patient.id())))));
            assertThat(unseen.getStatus().getCode()).isEqualTo(404);
            assertThat(gateway.instructions).isEmpty();

            Map<String, Object> view = http.retrieve(therapist.authorize(HttpRequest.POST("/api/ble/pair",
                    Map.of("gateway_id", GW, "address", ADDRESS, "patient_id", patient.id()))),
                    Argument.mapOf(String.class, Object.class));
            assertThat(view).containsEntry("id", DEVICE).containsEntry("profile_id", "polar-h10")
                    .containsEntry("patient_id", (int) patient.id());

            // exactly one instruction: connect, with the polar-h10 profile's streams.ble characteristics
            assertThat(gateway.instructions).hasSize(1);
            ObjectNode got = (ObjectNode) JSON.readTree(gateway.instructions.get(0));
            assertThat(got.get("id").asText()).startsWith("pair-");
            got.remove("id");
            assertThat(got).isEqualTo(JSON.readTree(
                    "{\"op\":\"connect\",\"address\":\"DE:B1:63:C1:39:69\",\"profile\":\"polar-h10\","
                            + "\"characteristics\":[\"2a37\",\"2a19\"]}"));

            // Heart Rate Measurement (GATT spec 3.106): flags 0x10 (uint8 HR, RR present), 60 bpm, RR 1024/1024 s
            long t0 = 1_763_740_900_000L;
            gateway.publish("biofeedback/v1/" + DEVICE + "/gatt/2a37", new byte[] {0x10, 60, 0x00, 0x04}, 0, false, t0);
            gateway.publish("biofeedback/v1/" + DEVICE + "/gatt/2a37", new byte[] {0x10, 60, 0x00, 0x04}, 0, false,
                    t0 + 1000);
            s.store().await(l -> l.stream().filter(x -> x instanceof Sample.HeartRate).count() == 2, WAIT);
            assertThat(s.store().samples(Sample.HeartRate.class)).extracting(Sample.HeartRate::device,
                    Sample.HeartRate::timestampMs, Sample.HeartRate::bpm).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(new DeviceId(DEVICE), t0, 60),
                    org.assertj.core.groups.Tuple.tuple(new DeviceId(DEVICE), t0 + 1000, 60));
            Map<String, Object> device = http.retrieve(therapist.authorize(HttpRequest.GET("/api/devices/" + DEVICE)),
                    Argument.mapOf(String.class, Object.class));
            assertThat(device).containsEntry("patient_id", (int) patient.id()).containsEntry("online", true);

            gateway.publish("biofeedback/v1/" + DEVICE + "/gap",
                    "{\"from_ms\": 1763740901000, \"to_ms\": 1763740916000, \"reason\": \"link-lost\"}", false);
            await(() -> beatEvents, l -> l.stream().anyMatch(e -> e.startsWith("gap")));
            assertThat(beatEvents).filteredOn(e -> e.startsWith("gap"))
                    .containsExactly("gap " + DEVICE + " 1763740901000..1763740916000 link-lost");
            assertThat(s.store().samples(Sample.Reject.class)).isEmpty();

            gateway.publish("biofeedback/v1/gateway/" + GW + "/status",
                    "{\"online\": false, \"kind\": \"ble-gateway\", \"adapter\": \"hci0\", \"ts\": 1763740999000}", true);
            DeviceRegistry registry = s.bean(DeviceRegistry.class);
            await(() -> registry.find(DEVICE).orElseThrow().online(), online -> !online);
        } finally {
            // leave no retained gateway topics for other tests on this broker
            try (FakeGateway cleaner = new FakeGateway(broker.url())) {
                cleaner.publish("biofeedback/v1/gateway/" + GW + "/status", new byte[0], 1, true, null);
                cleaner.publish("biofeedback/v1/gateway/" + GW + "/scan", new byte[0], 1, true, null);
            }
        }
    }
}
