package org.equilibrium.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.influx.InfluxQueries;
import org.equilibrium.transport.mqtt.MqttIngress;
import org.equilibrium.transport.mqtt.MqttStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QoS 1 messages the broker holds for the disconnected service survive a graceful Mosquitto restart (issue 8):
 * Mosquitto writes the service's persistent session and its queue to {@code mosquitto.db} on SIGTERM and loads
 * them on start, so the service, started again with the same client id, is told "session present" and gets
 * every queued message. Real Mosquitto with persistence, real InfluxDB, the whole service in this JVM.
 *
 * <p>Unlike {@code FaultsIntegrationTest.mosquittoRestart…} (service connected throughout, nothing queued at the
 * moment of the restart), here the broker holds a backlog for the service when it goes down.
 */
class BrokerRestartQueueFaultTest {

    static final String CLIENT_ID = "faults-queue";

    @TempDir
    Path dir;

    @Test
    void backlogQueuedForStoppedServiceSurvivesMosquittoRestartExactlyOnce() throws Exception {
        int devices = 50;
        int rounds = 20;
        LocalServer broker = LocalServers.startMosquitto(dir.resolve("mq"));
        try (LocalServer influx = LocalServers.startInflux(dir.resolve("influx"))) {
            // First start creates the persistent session and its subscription; a graceful stop leaves it queued.
            try (EmbeddedServer service = startService(broker, influx)) {
                FaultsIntegrationTest.awaitMqttUp(service.getApplicationContext());
            }
            long t0 = System.currentTimeMillis() - rounds * 1000L;
            DeviceFleet fleet = new DeviceFleet(broker.url(), devices, 1, t0);
            fleet.publishRounds(rounds);

            broker = LocalServers.restartMosquitto(broker, LocalServers.MosquittoOptions.defaults());
            Path db = broker.dir().resolve(LocalServers.MOSQUITTO_DB);
            long dbBytes = Files.exists(db) ? Files.size(db) : -1;

            try (EmbeddedServer service = startService(broker, influx)) {
                FaultsIntegrationTest.awaitMqttUp(service.getApplicationContext());
                MqttStatus status = service.getApplicationContext().getBean(MqttIngress.class).status();
                assertThat(status.sessionPresent())
                        .as("Mosquitto brought the service's session back from %s (log: %s)", db, broker.logTail())
                        .isTrue();
                InfluxQueries q = service.getApplicationContext().getBean(InfluxQueries.class);
                StoredAsPublished.await(fleet, q, t0, 30_000);
                StoredAsPublished.assertExact(fleet, q, t0);
                System.out.printf("faults: %d QoS 1 messages queued for the stopped service, Mosquitto restarted "
                        + "(persistence file %d bytes), all stored exactly once%n", fleet.totalSent(), dbBytes);
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void mosquittoRestartWhileServiceIsDownAndDevicesStreamLosesAndDoublesNothing() throws Exception {
        int devices = 100;
        LocalServer broker = LocalServers.startMosquitto(dir.resolve("mq"));
        try (LocalServer influx = LocalServers.startInflux(dir.resolve("influx"))) {
            long t0 = System.currentTimeMillis();
            try (DeviceFleet fleet = new DeviceFleet(broker.url(), devices, FaultsIntegrationTest.PUBLISHERS, t0)) {
                try (EmbeddedServer service = startService(broker, influx)) {
                    FaultsIntegrationTest.awaitMqttUp(service.getApplicationContext());
                    fleet.start();
                    Thread.sleep(4_000);
                }
                long atServiceStop = fleet.totalSent();
                Thread.sleep(4_000);
                // The devices keep publishing: their unacknowledged messages are re-sent once the broker is back.
                broker = LocalServers.restartMosquitto(broker, LocalServers.MosquittoOptions.defaults());
                Thread.sleep(4_000);
                long atServiceStart = fleet.totalSent();
                try (EmbeddedServer service = startService(broker, influx)) {
                    FaultsIntegrationTest.awaitMqttUp(service.getApplicationContext());
                    assertThat(service.getApplicationContext().getBean(MqttIngress.class).status().sessionPresent())
                            .as("session resumed after the broker restart (log: %s)", broker.logTail()).isTrue();
                    Thread.sleep(3_000);
                    fleet.stop();
                    InfluxQueries q = service.getApplicationContext().getBean(InfluxQueries.class);
                    StoredAsPublished.await(fleet, q, t0, 60_000);
                    StoredAsPublished.assertExact(fleet, q, t0);
                    System.out.printf("faults: service down while Mosquitto restarted, %d devices, %d hr messages "
                            + "published while the service was away, %d in all, %d publisher re-sends, all stored "
                            + "exactly once%n", devices, atServiceStart - atServiceStop, fleet.totalSent(),
                            fleet.retries());
                }
            }
        } finally {
            broker.close();
        }
    }

    private EmbeddedServer startService(LocalServer broker, LocalServer influx) {
        return FaultsIntegrationTest.startService(broker.url(), influx.url(), CLIENT_ID, dir.resolve("data"));
    }
}
