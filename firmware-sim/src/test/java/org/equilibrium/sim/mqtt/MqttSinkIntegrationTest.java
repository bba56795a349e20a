package org.equilibrium.sim.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.equilibrium.transport.mqtt.ArrivalCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.sim.engine.DeviceInfo;
import org.equilibrium.sim.engine.Runner;
import org.equilibrium.sim.engine.Simulation;
import org.equilibrium.sim.scenario.Scenario;
import org.equilibrium.sim.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against Debian's Mosquitto on a free loopback port: status, will, hr, raw GATT, stim, truth, cmd → ack. */
class MqttSinkIntegrationTest {

    record Received(String topic, byte[] payload, boolean retained, List<UserProperty> userProperties) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static final String SCENARIO = """
            name: it
            seed: 11
            duration_s: 20
            devices:
              - {id: it-strap, profile: generic-hrs-strap, patient: p, transport: both}
              - {id: it-tens, profile: equilibrium-sim-tens, patient: p, transport: both}
            phases:
              - {name: baseline, duration_s: 60, balance: 0.0, breathing_per_min: 14}
            faults:
              - {type: disconnect, device: it-strap, at_s: 6, duration_s: 4}
            """;

    private static MqttAsyncClient subscriber(String url, String id, String filter, ConcurrentLinkedQueue<Received> into)
            throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, id, new MemoryPersistence());
        c.setCallback(new ArrivalCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
                into.add(new Received(topic, m.getPayload(), m.isRetained(),
                        m.getProperties() == null ? List.of() : m.getProperties().getUserProperties()));
            }





        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        c.connect(o).waitForCompletion(10_000);
        c.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}).waitForCompletion(10_000);
        return c;
    }

    private static List<Received> on(ConcurrentLinkedQueue<Received> q, String topic) {
        return q.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Test
    void devicesPublishPerTheContractKeepAWillAndAnswerCommands(@TempDir Path dir) throws Exception {
        LocalServer mq = LocalServers.startMosquitto(dir.resolve("mq"));
        try {
            ConcurrentLinkedQueue<Received> got = new ConcurrentLinkedQueue<>();
            MqttAsyncClient sub = subscriber(mq.url(), "it-sub", "biofeedback/v1/#", got);
            Scenario s = ScenarioParser.parse(SCENARIO, "it.yaml");
            MqttSink sink = new MqttSink(new MqttSink.Options(mq.url(), "", MqttSink.Mode.PER_DEVICE, 1, "it-"));
            Simulation sim = new Simulation(s, System.currentTimeMillis(), sink, null);
            DeviceInfo tens = sim.devices().get(1);
            Thread runner = new Thread(() -> Runner.run(sim, 4, (x, w, d) -> { }, () -> false));
            runner.start();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (on(got, "biofeedback/v1/it-tens/status").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            sub.publish("biofeedback/v1/it-tens/cmd",
                    "{\"id\":\"too-much\",\"op\":\"start\",\"current_ua\":90000}".getBytes(StandardCharsets.UTF_8), 1, false);
            sub.publish("biofeedback/v1/it-tens/cmd", ("{\"id\":\"ok1\",\"op\":\"start\",\"current_ua\":9000,"
                    + "\"frequency_hz\":80,\"pulse_width_us\":200}").getBytes(StandardCharsets.UTF_8), 1, false);
            runner.join(60_000);
            sink.close();
            Thread.sleep(500);

            List<Received> tensStatus = on(got, "biofeedback/v1/it-tens/status");
            assertThat(tensStatus.get(0).text()).isEqualTo("{\"online\":true,\"model\":\"equilibrium-sim-tens\",\"fw\":\"2.3.1\","
                    + "\"battery_pct\":" + tensStatus.get(0).text().replaceAll(".*\"battery_pct\":(\\d+).*", "$1")
                    + ",\"claim_code\":\"" + tens.claimCode() + "\"}");
            assertThat(tensStatus.get(tensStatus.size() - 1).text()).startsWith("{\"online\":false");

            List<String> acks = on(got, "biofeedback/v1/it-tens/cmd/ack").stream().map(Received::text).toList();
            assertThat(acks).contains("{\"id\":\"too-much\",\"ok\":false,\"error\":\"current_ua 90000 exceeds device limit 80000\"}");
            assertThat(acks).anySatisfy(a -> assertThat(a).startsWith("{\"id\":\"ok1\",\"ok\":true,\"applied\":{\"op\":\"start\"")
                    .contains("\"current_ua\":9000"));
            List<String> stim = on(got, "biofeedback/v1/it-tens/stim").stream().map(Received::text).toList();
            assertThat(stim).hasSizeGreaterThan(10).anySatisfy(j -> assertThat(j).contains("\"state\":\"running\"",
                    "\"current_ua\":9000"));
            assertThat(on(got, "biofeedback/v1/it-tens/gatt/e9b10001-7c1a-4d5e-9f3b-5e7175696c69"))
                    .hasSizeGreaterThan(10).allSatisfy(r -> assertThat(r.payload()).hasSize(19));

            assertThat(on(got, "biofeedback/v1/it-strap/hr")).hasSizeGreaterThan(8)
                    .allSatisfy(r -> assertThat(r.text()).matches("\\{\"ts\":\\d+,\"seq\":\\d+,\"bpm\":\\d+,\"rr_ms\":\\[[0-9.,]*\\],\"contact\":(true|false)\\}"));
            assertThat(on(got, "biofeedback/v1/it-strap/gatt/2a37")).hasSizeGreaterThan(8).allSatisfy(r -> {
                assertThat(r.payload()[0] & 0x04).isEqualTo(0x04);
                assertThat(r.userProperties()).extracting(UserProperty::getKey).containsExactly("ts");
            });
            assertThat(on(got, "biofeedback/v1/it-strap/truth")).isNotEmpty();
            // disconnect fault: the broker publishes the strap's will, then it comes back online, then goes offline at the end
            List<String> strapStatus = on(got, "biofeedback/v1/it-strap/status").stream().map(Received::text).toList();
            assertThat(strapStatus.stream().map(t -> t.startsWith("{\"online\":true") ? "on" : "off").distinct().toList())
                    .containsExactly("on", "off");
            assertThat(strapStatus.stream().filter(t -> t.startsWith("{\"online\":false")).count()).isEqualTo(2);
            int firstOff = strapStatus.indexOf(strapStatus.stream().filter(t -> t.startsWith("{\"online\":false")).findFirst().orElseThrow());
            assertThat(strapStatus.subList(firstOff, strapStatus.size())).anySatisfy(t -> assertThat(t).startsWith("{\"online\":true"));
            sub.disconnect().waitForCompletion(5000);
            sub.close();

            // a late subscriber gets the retained offline status
            ConcurrentLinkedQueue<Received> late = new ConcurrentLinkedQueue<>();
            MqttAsyncClient lateSub = subscriber(mq.url(), "it-late", "biofeedback/v1/+/status", late);
            Thread.sleep(500);
            assertThat(on(late, "biofeedback/v1/it-strap/status")).singleElement()
                    .satisfies(r -> assertThat(r.retained()).isTrue())
                    .satisfies(r -> assertThat(r.text()).startsWith("{\"online\":false"));
            lateSub.disconnect().waitForCompletion(5000);
            lateSub.close();
        } finally {
            mq.close();
        }
    }
}
