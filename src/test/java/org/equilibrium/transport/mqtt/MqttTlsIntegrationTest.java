package org.equilibrium.transport.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.equilibrium.device.DeviceId;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.Sample;
import org.equilibrium.testing.ServiceUnderTest;
import org.equilibrium.testing.TestCertificates;
import org.equilibrium.testing.TestCertificates.Authority;
import org.equilibrium.testing.TestCertificates.Issued;
import org.equilibrium.testing.TestPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT over TLS against a real Mosquitto whose TLS listener is the shipped {@code mosquitto-secure.conf}'s
 * (port and file paths replaced), with a CA and certificates generated at test time. Every listener used here
 * speaks only TLS, so a client that skipped TLS, trusted everything or ignored the host name would fail the
 * respective test. Devices publish on the broker's plain loopback listener (they are not under test here).
 */
class MqttTlsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path DEPLOY = Path.of("src/deploy/mosquitto");

    @TempDir
    static Path dir;
    static LocalServer broker;
    static Authority ca;
    static Path caPem;
    static Path otherCaPem;
    static Path clientCert;
    static Path clientKey;
    /** The shipped TLS listener: certificate for localhost and 127.0.0.1. */
    static int tlsPort;
    /** A certificate from the same CA, but for another host name only. */
    static int wrongNamePort;
    /** The shipped TLS listener with require_certificate true. */
    static int mutualPort;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final List<MqttIngress> ingresses = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        ca = TestCertificates.authority("Equilibrium test CA");
        Path certs = dir.resolve("certs");
        caPem = ca.writeCertificate(certs.resolve("ca.crt"));
        otherCaPem = TestCertificates.authority("Some other CA").writeCertificate(certs.resolve("other-ca.crt"));
        Issued server = ca.server("broker", List.of("localhost"), List.of("127.0.0.1"));
        Path serverCert = server.writeCertificate(certs.resolve("server.crt"));
        Path serverKey = server.writeKey(certs.resolve("server.key"));
        Issued wrongName = ca.server("broker.invalid", List.of("broker.invalid"), List.of());
        Path wrongCert = wrongName.writeCertificate(certs.resolve("wrong-name.crt"));
        Path wrongKey = wrongName.writeKey(certs.resolve("wrong-name.key"));
        Issued client = ca.client("equilibrium-service");
        clientCert = client.writeCertificate(certs.resolve("client.crt"));
        clientKey = client.writeTraditionalKey(certs.resolve("client.key"));

        tlsPort = LocalServers.freePort();
        wrongNamePort = LocalServers.freePort();
        mutualPort = LocalServers.freePort();
        List<String> extra = new ArrayList<>(shippedTlsListener(tlsPort, caPem, serverCert, serverKey));
        extra.addAll(shippedTlsListener(wrongNamePort, caPem, wrongCert, wrongKey));
        extra.addAll(shippedTlsListener(mutualPort, caPem, serverCert, serverKey));
        extra.add("require_certificate true");
        if ("root".equals(System.getProperty("user.name"))) {
            // Started by root, mosquitto drops to user 'mosquitto', which cannot read the private temp dir.
            extra.add("user root");
        }
        broker = LocalServers.startMosquitto(dir.resolve("mosquitto"),
                LocalServers.MosquittoOptions.defaults().withExtraConfig(extra));
        for (int port : List.of(tlsPort, wrongNamePort, mutualPort)) {
            awaitListening(port);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeClients() {
        ingresses.forEach(MqttIngress::close);
        scheduler.shutdownNow();
    }

    /**
     * The TLS listener block of the shipped configuration (from {@code listener 8883} to the next blank line,
     * comments dropped) on {@code port}, with this test's files.
     */
    static List<String> shippedTlsListener(int port, Path caFile, Path certFile, Path keyFile) throws IOException {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(DEPLOY.resolve("mosquitto-secure.conf"))) {
            if (line.startsWith("listener 8883")) {
                inBlock = true;
                out.add("listener " + port + " 127.0.0.1");
            } else if (inBlock && line.isBlank()) {
                break;
            } else if (inBlock && !line.startsWith("#")) {
                String key = line.split(" ", 2)[0];
                out.add(switch (key) {
                    case "cafile" -> "cafile " + caFile.toAbsolutePath();
                    case "certfile" -> "certfile " + certFile.toAbsolutePath();
                    case "keyfile" -> "keyfile " + keyFile.toAbsolutePath();
                    default -> line;
                });
            }
        }
        assertThat(out).as("TLS listener of mosquitto-secure.conf").anyMatch(l -> l.startsWith("certfile "))
                .anyMatch(l -> l.startsWith("keyfile ")).anyMatch(l -> l.startsWith("cafile "));
        return out;
    }

    @Test
    void theServiceTrustingTheCaConnectsOverTlsAndIngestsWhatADevicePublishes(@TempDir Path data) throws Exception {
        String url = "ssl://127.0.0.1:" + tlsPort;
        try (ServiceUnderTest s = ServiceUnderTest.start(url, "tls-service", data,
                Map.of("equilibrium.mqtt.tls-ca-file", caPem.toString()))) {
            s.awaitSubscribed(WAIT);
            assertThat(s.get("/health").body()).contains("\"url\":\"" + url + "\"");
            try (TestPublisher dev = new TestPublisher(broker.url(), "tls-dev")) {
                dev.publish("biofeedback/v1/strap-tls/hr", "{\"ts\":1763740800123,\"seq\":1,\"bpm\":64,\"contact\":true}");
            }
            List<Sample> got = s.store().await(l -> l.stream().anyMatch(x -> x instanceof Sample.HeartRate), WAIT);
            assertThat(got).contains(new Sample.HeartRate(new DeviceId("strap-tls"), 1763740800123L, 64, true, 1L));
        }
    }

    @Test
    void aClientTrustingOnlyTheJvmDefaultCasIsRefused() throws Exception {
        MqttIngress i = ingress("ssl://127.0.0.1:" + tlsPort, MqttTls.defaults());
        MqttStatus s = awaitStatus(i, st -> st.connectFailures() >= 2);
        assertThat(s.connects()).isZero();
        assertThat(s.lastError()).contains("unable to find valid certification path");
    }

    @Test
    void aClientTrustingAnotherCaIsRefused() throws Exception {
        MqttIngress i = ingress("ssl://127.0.0.1:" + tlsPort, new MqttTls(otherCaPem.toString(), null, null, true));
        MqttStatus s = awaitStatus(i, st -> st.connectFailures() >= 2);
        assertThat(s.connects()).isZero();
        assertThat(s.lastError()).contains("unable to find valid certification path");
    }

    @Test
    void aBrokerCertificateForAnotherHostNameIsRefusedWhileVerificationIsOn() throws Exception {
        String url = "ssl://127.0.0.1:" + wrongNamePort;
        MqttIngress verifying = ingress(url, new MqttTls(caPem.toString(), null, null, true));
        MqttStatus refused = awaitStatus(verifying, st -> st.connectFailures() >= 2);
        assertThat(refused.connects()).isZero();
        assertThat(refused.lastError()).contains("No subject alternative names matching IP address 127.0.0.1");

        // The control: the same certificate is otherwise fine, so it was the name check that refused it.
        MqttIngress lenient = ingress(url, new MqttTls(caPem.toString(), null, null, false));
        assertThat(awaitStatus(lenient, MqttStatus::up).connects()).isEqualTo(1);
    }

    @Test
    void mutualTlsConnectsWithTheClientCertificateAndIsRefusedWithoutIt() throws Exception {
        String url = "ssl://127.0.0.1:" + mutualPort;
        MqttIngress anonymous = ingress(url, new MqttTls(caPem.toString(), null, null, true));
        MqttStatus refused = awaitStatus(anonymous, st -> st.connectFailures() >= 2);
        assertThat(refused.connects()).isZero();
        assertThat(refused.lastError()).contains("certificate_required");

        MqttIngress withCert = ingress(url, new MqttTls(caPem.toString(), clientCert.toString(),
                clientKey.toString(), true));
        assertThat(awaitStatus(withCert, MqttStatus::up).connects()).isEqualTo(1);
    }

    @Test
    void certificateFilesWithAPlainTcpUrlNeverConnectInPlainText() throws Exception {
        // The broker's plain listener is up: a client that ignored the TLS settings would connect.
        MqttIngress i = ingress(broker.url(), new MqttTls(caPem.toString(), null, null, true));
        MqttStatus s = awaitStatus(i, st -> st.connectFailures() >= 2);
        assertThat(s.connects()).isZero();
        assertThat(s.lastError()).contains("equilibrium.mqtt.tls-*", "is not ssl://");
    }

    @Test
    void aGarbledCaFileLeavesTheServiceUpWithMqttDownAndTheReasonAndAFixedFileIsPickedUp(@TempDir Path data)
            throws Exception {
        Path garbled = Files.writeString(data.resolve("ca.crt"),
                "-----BEGIN CERTIFICATE-----\n%%%% this is not base64 ****\n-----END CERTIFICATE-----\n");
        try (ServiceUnderTest s = ServiceUnderTest.start("ssl://127.0.0.1:" + tlsPort, "tls-garbled", data,
                Map.of("equilibrium.mqtt.tls-ca-file", garbled.toString()))) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            String body = s.get("/health").body();
            while (!body.contains("lastError") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                body = s.get("/health").body();
            }
            assertThat(s.get("/health").statusCode()).as("DOWN while MQTT is down").isEqualTo(503);
            assertThat(body).contains("\"connected\":false",
                    "TLS setup for ssl://127.0.0.1:" + tlsPort + " failed: equilibrium.mqtt.tls-ca-file " + garbled
                            + ": not valid PEM");

            // Files are read again at every attempt: fixing the file needs no restart.
            Files.copy(caPem, garbled, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            s.awaitSubscribed(WAIT);
        }
    }

    private MqttIngress ingress(String url, MqttTls tls) throws Exception {
        MqttClientOptions o = new MqttClientOptions(url, "tls-" + UUID.randomUUID(), null, null,
                "biofeedback/v1/+/#", null, true, Duration.ZERO, 10, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofMillis(300), tls);
        MqttIngress i = new MqttIngress(o, (message, ack) -> ack.ack(), scheduler);
        ingresses.add(i);
        i.start();
        return i;
    }

    private static MqttStatus awaitStatus(MqttIngress i, Predicate<MqttStatus> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            MqttStatus s = i.status();
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("MQTT status not reached within " + WAIT + ": " + i.status());
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                assertThat(broker.isAlive()).as("mosquitto running:\n%s", broker.logTail()).isTrue();
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no TLS listener on " + port + ":\n" + broker.logTail());
    }
}
