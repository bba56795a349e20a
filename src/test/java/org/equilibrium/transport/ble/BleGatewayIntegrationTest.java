package org.equilibrium.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.equilibrium.transport.mqtt.ArrivalCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.sim.ble.BleSim;
import org.equilibrium.sim.ble.BleSink;
import org.equilibrium.sim.ble.ReceivedWrite;
import org.equilibrium.sim.engine.DeviceInfo;
import org.equilibrium.sim.scenario.ScenarioLibrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The BLE path for real, without a radio: a private dbus-daemon, the simulator's fake BlueZ playing the
 * ble-home scenario (Polar H10, generic HRS strap, sim TENS), the gateway (supervisor + TinyB worker, real
 * natives) as child processes, and a real Mosquitto. The tests run in order on one fixture: scan, link, stream,
 * drop, command, BlueZ gone and back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BleGatewayIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HRM = "00002a37-0000-1000-8000-00805f9b34fb";
    private static final String GW = "it-gw";

    private Path dir;
    private LocalServer mosquitto;
    private BleSim sim;
    private Process gateway;
    private Path gatewayLog;
    private MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Notified> notified = new CopyOnWriteArrayList<>();
    private String polar;
    private String generic;
    private String tens;

    record Received(String topic, byte[] payload, String tsProperty, long atMs) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new AssertionError("not JSON on " + topic + ": " + text(), e);
            }
        }
    }

    record Notified(String address, String uuid, byte[] value, long atMs) {
    }

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("ble-it");
        mosquitto = LocalServers.startMosquitto(dir.resolve("mosquitto"));
        var scenario = new ScenarioLibrary(Path.of("firmware-sim", "scenarios")).load("ble-home");
        // Fails loudly (IllegalStateException with the daemon's output) when dbus-daemon cannot start.
        sim = BleSim.start(scenario, System.currentTimeMillis(), 1, dir.resolve("bus"), null);
        sim.setNotificationListener((a, c, v) -> notified.add(new Notified(a, c, v, System.currentTimeMillis())));
        for (DeviceInfo d : sim.devices()) {
            switch (d.profile()) {
                case "polar-h10" -> polar = BleSink.addressOf(d.id());
                case "generic-hrs-strap" -> generic = BleSink.addressOf(d.id());
                case "equilibrium-sim-tens" -> tens = BleSink.addressOf(d.id());
                default -> throw new AssertionError("unexpected device " + d);
            }
        }
        client = new MqttClient(mosquitto.url(), "ble-it-observer", new MemoryPersistence());
        client.setCallback(new Collector());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
        client.subscribe("biofeedback/#", 1);

        gatewayLog = dir.resolve("gateway.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.equilibrium.Main", "ble-gateway",
                "--broker", mosquitto.url(), "--gateway-id", GW, "--profiles", "device-profiles",
                "--state-dir", dir.resolve("gateway-state").toString(), "--scan-period-ms", "500")
                .redirectErrorStream(true).redirectOutput(gatewayLog.toFile());
        pb.environment().put("DBUS_SYSTEM_BUS_ADDRESS", sim.busAddress());
        gateway = pb.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            List<ProcessHandle> children = gateway.descendants().toList();
            gateway.destroy();
            if (!gateway.waitFor(10, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
            for (ProcessHandle c : children) {
                if (c.isAlive()) {
                    c.destroyForcibly();
                }
            }
        }
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
        if (sim != null) {
            sim.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void scanListsBothStrapsAndTheTensUnitWithTheirProfiles() throws Exception {
        JsonNode scan = await("a scan listing three devices", () -> lastOn(topicGw("scan"))
                .map(Received::json).filter(j -> j.get("devices").size() == 3).orElse(null), Duration.ofSeconds(20));
        assertThat(profileIn(scan, polar)).isEqualTo("polar-h10");
        assertThat(profileIn(scan, generic)).isEqualTo("generic-hrs-strap");
        assertThat(profileIn(scan, tens)).isEqualTo("equilibrium-sim-tens");
        JsonNode h10 = entry(scan, polar);
        assertThat(h10.get("device_id").asText()).isEqualTo(id(polar));
        assertThat(h10.get("name").asText()).matches("Polar H10 [0-9A-F]{8}");
        assertThat(h10.get("rssi").asInt()).isBetween(-80, -40);
        assertThat(h10.get("services").toString()).contains("0000180d-0000-1000-8000-00805f9b34fb");
        assertThat(h10.get("linked").asBoolean()).isFalse();
    }

    @Test
    @Order(2)
    void forwardsRawHeartRateBytesExactlyAsThePeripheralNotifiedThem() throws Exception {
        for (String a : List.of(polar, generic, tens)) {
            instruct("{\"id\":\"link-" + a + "\",\"op\":\"connect\",\"address\":\"" + a + "\"}");
        }
        JsonNode ack = await("connect ack", () -> all(topicGw("cmd/ack")).stream().map(Received::json)
                .filter(j -> j.get("id").asText().equals("link-" + polar)).findFirst().orElse(null),
                Duration.ofSeconds(10));
        assertThat(ack.get("ok").asBoolean()).isTrue();
        assertThat(ack.get("device_id").asText()).isEqualTo(id(polar));

        String topic = topicDev(polar, "gatt/2a37");
        await("five 2a37 messages of the Polar strap", () -> all(topic).size() >= 5 ? true : null,
                Duration.ofSeconds(20));
        List<Received> got = all(topic);
        List<Notified> sent = notified.stream().filter(n -> n.address().equals(polar) && n.uuid().equals(HRM))
                .toList();
        assertThat(sent.size()).isGreaterThanOrEqualTo(got.size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).payload()).as("message %d", i).isEqualTo(sent.get(i).value());
            long ts = Long.parseLong(got.get(i).tsProperty());
            assertThat(ts).isBetween(sent.get(i).atMs(), got.get(i).atMs());
        }
        JsonNode status = lastOn(topicDev(polar, "status")).orElseThrow().json();
        assertThat(status.get("online").asBoolean()).isTrue();
        assertThat(status.get("model").asText()).isEqualTo("polar-h10");
        await("the generic strap's battery", () -> lastOn(topicDev(generic, "gatt/2a19")).orElse(null),
                Duration.ofSeconds(10));
        await("sim TENS telemetry", () -> lastOn(topicDev(tens, "gatt/e9b10001-7c1a-4d5e-9f3b-5e7175696c69"))
                .filter(r -> r.payload().length == 19).orElse(null), Duration.ofSeconds(10));
    }

    @Test
    @Order(3)
    void aDroppedLinkShowsAsOfflineThenAGapAndTheStreamResumes() throws Exception {
        String topic = topicDev(polar, "gatt/2a37");
        await("streaming", () -> all(topic).size() >= 1 ? true : null, Duration.ofSeconds(10));
        long lastBefore = all(topic).get(all(topic).size() - 1).atMs();
        long dropAt = System.currentTimeMillis();
        assertThat(sim.bluez().dropLink(polar)).isTrue();

        JsonNode offline = await("offline status", () -> all(topicDev(polar, "status")).stream()
                .filter(r -> r.atMs() >= dropAt).map(Received::json).filter(j -> !j.get("online").asBoolean())
                .findFirst().orElse(null), Duration.ofSeconds(5));
        assertThat(offline.get("reason").asText()).isEqualTo("link-lost");
        JsonNode gap = await("gap marker", () -> lastOn(topicDev(polar, "gap")).map(Received::json).orElse(null),
                Duration.ofSeconds(15));
        long from = gap.get("from_ms").asLong();
        long to = gap.get("to_ms").asLong();
        assertThat(from).isBetween(lastBefore - 2000, dropAt);
        assertThat(to).isGreaterThan(dropAt);
        Received gapMsg = lastOn(topicDev(polar, "gap")).orElseThrow();
        await("2a37 after the gap", () -> all(topic).stream().anyMatch(r -> r.atMs() > gapMsg.atMs()) ? true : null,
                Duration.ofSeconds(10));
        for (Received r : all(topic)) {
            long ts = Long.parseLong(r.tsProperty());
            assertThat(ts <= from || ts >= to).as("no data inside the gap [%d, %d): ts %d; drop at %d, gap %s",
                    from, to, ts, dropAt, gap).isTrue();
        }
    }

    @Test
    @Order(4)
    void aCommandAboveTheProfileLimitNeverReachesThePeripheral() throws Exception {
        await("TENS connected", () -> sim.bluez().connected(tens) ? true : null, Duration.ofSeconds(10));
        String cmd = topicDev(tens, "cmd");
        client.publish(cmd, ("{\"id\":\"over\",\"op\":\"start\",\"current_ua\":90000,\"frequency_hz\":80,"
                + "\"pulse_width_us\":200}").getBytes(StandardCharsets.UTF_8), 1, false);
        JsonNode refused = await("ack of the refused command", () -> ackFor("over"), Duration.ofSeconds(10));
        assertThat(refused.get("ok").asBoolean()).isFalse();
        assertThat(refused.get("error").asText()).isEqualTo("current_ua 90000 exceeds profile limit 80000");
        assertThat(writesTo(tens)).isEmpty();

        client.publish(cmd, ("{\"id\":\"fine\",\"op\":\"start\",\"current_ua\":9000,\"frequency_hz\":80,"
                + "\"pulse_width_us\":200,\"duration_s\":600}").getBytes(StandardCharsets.UTF_8), 1, false);
        JsonNode accepted = await("ack of the accepted command", () -> ackFor("fine"), Duration.ofSeconds(10));
        assertThat(accepted.get("ok").asBoolean()).as(accepted.toString()).isTrue();
        List<ReceivedWrite> writes = writesTo(tens);
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).characteristicUuid()).isEqualTo(SimTensCommandFrame.COMMAND_UUID);
        byte[] frame = writes.get(0).value();
        // start, 9000 µA, 80.0 Hz, 200 µs, 600 s, program unchanged (layout: SimTensCommandFrame)
        assertThat(frame[1]).isEqualTo((byte) 1);
        assertThat(frame).startsWith(1, 1).endsWith(0x28, 0x23, 0, 0, 0x20, 0x03, (byte) 0xC8, 0, 0x58, 0x02,
                (byte) 0xFF, 0);
    }

    @Test
    @Order(5)
    void survivesFakeBlueZVanishingAndComingBack() throws Exception {
        String topic = topicDev(generic, "gatt/2a37");
        await("streaming", () -> all(topic).size() >= 1 ? true : null, Duration.ofSeconds(10));
        sim.vanish();
        long goneAt = System.currentTimeMillis();
        Thread.sleep(2000);
        sim.comeBack();
        long backAt = System.currentTimeMillis();
        Received after = await("2a37 after BlueZ came back", () -> all(topic).stream()
                .filter(r -> r.atMs() > backAt).findFirst().orElse(null), Duration.ofSeconds(30));
        List<Notified> sent = notified.stream().filter(n -> n.address().equals(generic) && n.atMs() > backAt)
                .toList();
        assertThat(sent).extracting(Notified::value).anySatisfy(v -> assertThat(v).isEqualTo(after.payload()));
        JsonNode gap = await("gap across the outage", () -> all(topicDev(generic, "gap")).stream()
                .map(Received::json).filter(j -> j.get("to_ms").asLong() > goneAt).findFirst().orElse(null),
                Duration.ofSeconds(5));
        assertThat(gap.get("from_ms").asLong()).isLessThanOrEqualTo(goneAt);
        assertThat(gateway.isAlive()).as("the supervisor keeps running").isTrue();
    }

    @Test
    @Order(6)
    void reconnectsWhenBlueZRestartsOnAStableBus() throws Exception {
        String topic = topicDev(polar, "gatt/2a37");
        await("streaming", () -> all(topic).size() >= 1 ? true : null, Duration.ofSeconds(15));
        long restartAt = System.currentTimeMillis();
        sim.restartBluezOnly();
        await("2a37 after the restart", () -> all(topic).stream().anyMatch(r -> r.atMs() > restartAt + 200)
                ? true : null, Duration.ofSeconds(20));
        await("a gap across the restart", () -> all(topicDev(polar, "gap")).stream().map(Received::json)
                .anyMatch(j -> j.get("to_ms").asLong() > restartAt) ? true : null, Duration.ofSeconds(5));
    }

    @Test
    @Order(7)
    void aKilledWorkerIsRestartedAndMarksTheGap() throws Exception {
        String topic = topicDev(generic, "gatt/2a37");
        await("streaming", () -> all(topic).stream().anyMatch(r -> r.atMs() > System.currentTimeMillis() - 1500)
                ? true : null, Duration.ofSeconds(15));
        // A retained command is executed once, live; the restarted worker must not replay it.
        await("TENS connected", () -> sim.bluez().connected(tens) ? true : null, Duration.ofSeconds(15));
        client.publish(topicDev(tens, "cmd"), "{\"id\":\"kept\",\"op\":\"stop\"}".getBytes(StandardCharsets.UTF_8),
                1, true);
        await("ack of the retained command", () -> ackFor("kept"), Duration.ofSeconds(10));
        int writesBefore = writesTo(tens).size();
        ProcessHandle worker = gateway.children().findFirst().orElseThrow();
        long killAt = System.currentTimeMillis();
        worker.destroyForcibly(); // SIGKILL: no shutdown hook, like a native crash
        await("2a37 from a new worker", () -> all(topic).stream().anyMatch(r -> r.atMs() > killAt + 500)
                ? true : null, Duration.ofSeconds(20));
        assertThat(gateway.children().findFirst().map(ProcessHandle::pid)).isNotEqualTo(java.util.Optional.of(
                worker.pid()));
        JsonNode gap = await("a gap across the crash", () -> all(topicDev(generic, "gap")).stream()
                .map(Received::json).filter(j -> j.get("to_ms").asLong() > killAt).findFirst().orElse(null),
                Duration.ofSeconds(5));
        assertThat(gap.get("from_ms").asLong()).isBetween(killAt - 2500, killAt);
        await("TENS reconnected", () -> all(topicDev(tens, "status")).stream().anyMatch(r -> r.atMs() > killAt
                && r.json().get("online").asBoolean()) ? true : null, Duration.ofSeconds(10));
        Thread.sleep(1000);
        // Replayed, it would have been answered again (refused while the link was still coming up) or written.
        assertThat(all(topicDev(tens, "cmd/ack")).stream().map(Received::json)
                .filter(j -> j.get("id").asText().equals("kept"))).as("the retained command was not replayed").hasSize(1);
        assertThat(writesTo(tens)).hasSize(writesBefore);
        client.publish(topicDev(tens, "cmd"), new byte[0], 1, true); // clear the retained message
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private JsonNode ackFor(String id) {
        return all(topicDev(tens, "cmd/ack")).stream().map(Received::json)
                .filter(j -> j.get("id").asText().equals(id)).findFirst().orElse(null);
    }

    private List<ReceivedWrite> writesTo(String address) {
        return sim.receivedWrites().stream().filter(w -> w.address().equals(address)).toList();
    }

    private void instruct(String json) throws MqttException {
        client.publish(topicGw("cmd"), json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static String id(String address) {
        return "ble-" + address.replace(":", "").toLowerCase(Locale.ROOT);
    }

    private static String topicGw(String leaf) {
        return "biofeedback/v1/gateway/" + GW + "/" + leaf;
    }

    private static String topicDev(String address, String stream) {
        return "biofeedback/v1/" + id(address) + "/" + stream;
    }

    private static JsonNode entry(JsonNode scan, String address) {
        for (JsonNode d : scan.get("devices")) {
            if (d.get("address").asText().equals(address)) {
                return d;
            }
        }
        throw new AssertionError(address + " not in scan " + scan);
    }

    private static String profileIn(JsonNode scan, String address) {
        return entry(scan, address).get("profile").asText();
    }

    private List<Received> all(String topic) {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (r.topic().equals(topic)) {
                out.add(r);
            }
        }
        return out;
    }

    private java.util.Optional<Received> lastOn(String topic) {
        List<Received> l = all(topic);
        return l.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(l.get(l.size() - 1));
    }

    private <T> T await(String what, Supplier<T> probe, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            if (!gateway.isAlive()) {
                throw new AssertionError("gateway supervisor died (exit " + gateway.exitValue() + ") waiting for "
                        + what + "\n" + tail());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(gatewayLog);
        return "--- gateway log (last 40 lines) ---\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private final class Collector implements ArrivalCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties p = message.getProperties();
            String ts = null;
            if (p != null && p.getUserProperties() != null) {
                for (UserProperty u : p.getUserProperties()) {
                    if (u.getKey().equals("ts")) {
                        ts = u.getValue();
                    }
                }
            }
            received.add(new Received(topic, message.getPayload(), ts, System.currentTimeMillis()));
        }





    }

    @SuppressWarnings("unused")
    private static <T> Predicate<T> any() {
        return t -> true;
    }
}
