package org.equilibrium.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.equilibrium.device.DeviceId;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.Sample;
import org.equilibrium.testing.ServiceUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped production broker configuration ({@code src/deploy/mosquitto/mosquitto-secure.conf} and its
 * {@code acl}) on a real Mosquitto: a device can publish only under its own id, the service's account ingests.
 */
class DeviceCredentialsIntegrationTest {

    static final Path DEPLOY = Path.of("src/deploy/mosquitto");

    @TempDir
    Path dir;

    @Test
    void deviceCannotPublishAsAnotherDeviceButItsOwnTopicReachesTheService() throws Exception {
        Path passwd = dir.resolve("passwd");
        mosquittoPasswd("-c", "-b", passwd.toString(), "equilibrium-service", "service-secret");
        mosquittoPasswd("-b", passwd.toString(), "strap-a", "secret-a");
        mosquittoPasswd("-b", passwd.toString(), "strap-b", "secret-b");
        Path acl = dir.resolve("acl");
        Files.copy(DEPLOY.resolve("acl"), acl);
        try (LocalServer broker = LocalServers.startMosquitto(dir.resolve("mq"),
                LocalServers.MosquittoOptions.defaults().withExtraConfig(authLines(passwd, acl)))) {
            assertThatThrownBy(() -> connect(broker.url(), "anon", null, null))
                    .as("anonymous clients are refused").isInstanceOf(MqttException.class);
            assertThatThrownBy(() -> connect(broker.url(), "wrong", "strap-a", "secret-b"))
                    .as("a wrong password is refused").isInstanceOf(MqttException.class);
            try (ServiceUnderTest service = ServiceUnderTest.start(broker.url(), "it-creds", dir.resolve("data"),
                    Map.of("equilibrium.mqtt.username", "equilibrium-service",
                            "equilibrium.mqtt.password", "service-secret"))) {
                FaultsIntegrationTest.awaitMqttUp(service.context());
                MqttClient deviceA = connect(broker.url(), "strap-a-client", "strap-a", "secret-a");
                try {
                    // strap-a impersonating strap-b: the broker must drop it (MQTT 5 may answer "not authorized").
                    try {
                        publish(deviceA, "biofeedback/v1/strap-b/hr", 1, 70);
                    } catch (MqttException refused) {
                        assertThat(refused.getReasonCode()).as("refusal reason").isEqualTo(0x87);
                    }
                    publish(deviceA, "biofeedback/v1/strap-a/hr", 2, 61);
                } finally {
                    deviceA.disconnect();
                    deviceA.close();
                }
                List<Sample> got = service.store().await(s -> s.stream()
                        .anyMatch(x -> x instanceof Sample.HeartRate h && h.device().equals(new DeviceId("strap-a"))),
                        Duration.ofSeconds(20));
                assertThat(got).as("strap-a's own message ingested")
                        .contains(new Sample.HeartRate(new DeviceId("strap-a"), 1763740802000L, 61, true, 2L));
                // The forged message was sent first on the same connection; ingest may run devices on different
                // threads, so give a forged message that got through a moment to reach the store.
                Thread.sleep(1_000);
                assertThat(service.store().samples(Sample.HeartRate.class))
                        .as("nothing stored for strap-b").noneMatch(h -> h.device().equals(new DeviceId("strap-b")));
            }
        }
    }

    /** The shipped configuration's authentication lines, with the file paths pointing at this test's files. */
    static List<String> authLines(Path passwd, Path acl) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("mosquitto-secure.conf"))) {
            if (line.startsWith("allow_anonymous")) {
                out.add(line);
            } else if (line.startsWith("password_file")) {
                out.add("password_file " + passwd.toAbsolutePath());
            } else if (line.startsWith("acl_file")) {
                out.add("acl_file " + acl.toAbsolutePath());
            }
        }
        assertThat(out).as("auth lines of mosquitto-secure.conf").hasSize(3).contains("allow_anonymous false");
        if ("root".equals(System.getProperty("user.name"))) {
            // Started by root, mosquitto drops to user 'mosquitto', which cannot read the private temp dir.
            out.add("user root");
        }
        return out;
    }

    private static void mosquittoPasswd(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mosquitto_passwd"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("mosquitto_passwd finished").isTrue();
        assertThat(p.exitValue()).as("mosquitto_passwd %s: %s", cmd,
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    private static MqttClient connect(String url, String clientId, String user, String password)
            throws MqttException {
        MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout(5);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static void publish(MqttClient c, String topic, long seq, int bpm) throws MqttException {
        String json = "{\"ts\":%d,\"seq\":%d,\"bpm\":%d,\"rr_ms\":[1000.0],\"contact\":true}"
                .formatted(1763740800000L + seq * 1000, seq, bpm);
        MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        c.publish(topic, m);
    }
}
