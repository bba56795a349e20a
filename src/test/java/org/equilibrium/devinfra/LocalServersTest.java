package org.equilibrium.devinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.equilibrium.transport.mqtt.ArrivalCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServersTest {

    @Test
    void startsInfluxOnLoopbackAndStopsExactlyThatProcess(@TempDir Path dir) throws Exception {
        LocalServer influx = LocalServers.startInflux(dir.resolve("influx"));
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(influx.url() + "/ping").toURL().openConnection();
            assertThat(c.getResponseCode()).isEqualTo(204);
        } finally {
            influx.close();
        }
        assertThat(influx.isAlive()).isFalse();
    }

    @Test
    void startsMosquittoOnLoopbackAndRestartsOnTheSamePort(@TempDir Path dir) throws Exception {
        LocalServer first = LocalServers.startMosquitto(dir.resolve("mq"));
        LocalServer second = LocalServers.restartMosquitto(first, LocalServers.MosquittoOptions.defaults());
        try {
            assertThat(first.isAlive()).isFalse();
            assertThat(second.isAlive()).isTrue();
            assertThat(second.port()).isEqualTo(first.port());
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", second.port())) {
                assertThat(s.isConnected()).isTrue();
            }
        } finally {
            second.close();
        }
    }

    /**
     * What the service's persistent session relies on: a graceful restart keeps a disconnected MQTT 5 client's
     * session (clean start off, finite session expiry, as the service connects) and the QoS 1 messages queued
     * for it. Fails when Mosquitto cannot write its directory (started as root it would switch to 'mosquitto').
     */
    @Test
    void mosquittoRestartKeepsADisconnectedClientsSessionAndItsQueuedMessages(@TempDir Path dir) throws Exception {
        LocalServer broker = LocalServers.startMosquitto(dir.resolve("mq"));
        try {
            MqttClient keeper = new MqttClient(broker.url(), "keeper", new MemoryPersistence());
            keeper.connect(sessionOptions());
            keeper.subscribe("t/#", 1);
            keeper.disconnect();
            MqttClient publisher = new MqttClient(broker.url(), "publisher", new MemoryPersistence());
            publisher.connect();
            for (int i = 0; i < 3; i++) {
                publisher.publish("t/a", new MqttMessage(("m" + i).getBytes(StandardCharsets.UTF_8), 1, false, null));
            }
            publisher.disconnect();
            publisher.close();

            broker = LocalServers.restartMosquitto(broker, LocalServers.MosquittoOptions.defaults());

            List<String> got = new CopyOnWriteArrayList<>();
            keeper.setCallback((ArrivalCallback) (topic, m) -> got.add(new String(m.getPayload(),
                    StandardCharsets.UTF_8)));
            IMqttToken token = keeper.connectWithResult(sessionOptions());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (got.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            keeper.disconnect();
            keeper.close();
            assertThat(token.getSessionPresent()).as("session present after the restart (log: %s)",
                    broker.logTail()).isTrue();
            assertThat(got).containsExactly("m0", "m1", "m2");
        } finally {
            broker.close();
        }
    }

    @Test
    void aUserLineFromTheCallerReplacesTheDefaultOne(@TempDir Path dir) throws Exception {
        String me = System.getProperty("user.name");
        try (LocalServer broker = LocalServers.startMosquitto(dir.resolve("mq"),
                LocalServers.MosquittoOptions.defaults().withExtraConfig(List.of("user " + me)))) {
            assertThat(broker.isAlive()).isTrue();
        }
    }

    private static MqttConnectionOptions sessionOptions() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        return o;
    }
}
