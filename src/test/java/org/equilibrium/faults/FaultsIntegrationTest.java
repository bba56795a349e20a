package org.equilibrium.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.influx.InfluxQueries;
import org.equilibrium.storage.influx.InfluxSampleStore;
import org.equilibrium.transport.mqtt.MqttIngress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests against real Mosquitto and InfluxDB (issue 8): 200 simulated straps stream while a server goes away;
 * afterwards InfluxDB holds exactly what the devices published, per device, value for value.
 *
 * <p>The InfluxDB outage lasts {@code -Dfaults.outage-s} seconds (default 120, as the issue asks).
 */
class FaultsIntegrationTest {

    static final int DEVICES = 200;
    static final int PUBLISHERS = 4;

    @TempDir
    Path dir;

    @Test
    void influxOutageWhileTwoHundredDevicesStreamLosesAndDoublesNothing() throws Exception {
        long outageS = Long.getLong("faults.outage-s", 120);
        try (LocalServer broker = LocalServers.startMosquitto(dir.resolve("mq"))) {
            LocalServer influx = LocalServers.startInflux(dir.resolve("influx"));
            try (EmbeddedServer service = startService(broker.url(), influx.url(), "faults-influx")) {
                ApplicationContext ctx = service.getApplicationContext();
                awaitMqttUp(ctx);
                long t0 = System.currentTimeMillis();
                try (DeviceFleet fleet = new DeviceFleet(broker.url(), DEVICES, PUBLISHERS, t0)) {
                    fleet.start();
                    Thread.sleep(5_000);
                    influx.close();
                    Thread.sleep(outageS * 1000);
                    InfluxSampleStore store = ctx.getBean(InfluxSampleStore.class);
                    InfluxSampleStore.Health during = store.health();
                    assertThat(during.spooling()).as("the store spools while InfluxDB is down: %s", during).isTrue();
                    influx = LocalServers.startInflux(influx.dir(), influx.port());
                    Thread.sleep(5_000);
                    fleet.stop();
                    InfluxQueries q = ctx.getBean(InfluxQueries.class);
                    StoredAsPublished.await(fleet, q, t0, 120_000);
                    StoredAsPublished.assertExact(fleet, q, t0);
                    System.out.printf("faults: influx outage %d s, %d devices, %d hr messages published, "
                            + "spool peak seen %d points, all stored exactly%n", outageS, DEVICES,
                            fleet.totalSent(), during.spoolPoints());
                }
            } finally {
                influx.close();
            }
        }
    }

    @Test
    void mosquittoRestartMidStreamLosesAndDoublesNothing() throws Exception {
        LocalServer broker = LocalServers.startMosquitto(dir.resolve("mq"));
        try (LocalServer influx = LocalServers.startInflux(dir.resolve("influx"))) {
            try (EmbeddedServer service = startService(broker.url(), influx.url(), "faults-mq")) {
                ApplicationContext ctx = service.getApplicationContext();
                awaitMqttUp(ctx);
                long t0 = System.currentTimeMillis();
                try (DeviceFleet fleet = new DeviceFleet(broker.url(), DEVICES, PUBLISHERS, t0)) {
                    fleet.start();
                    Thread.sleep(8_000);
                    long connectsBefore = ctx.getBean(MqttIngress.class).status().connects();
                    broker = LocalServers.restartMosquitto(broker, LocalServers.MosquittoOptions.defaults());
                    awaitReconnected(ctx, connectsBefore);
                    assertThat(ctx.getBean(MqttIngress.class).status().sessionPresent())
                            .as("the service's session came back from Mosquitto's persistence file").isTrue();
                    Thread.sleep(8_000);
                    fleet.stop();
                    InfluxQueries q = ctx.getBean(InfluxQueries.class);
                    StoredAsPublished.await(fleet, q, t0, 90_000);
                    StoredAsPublished.assertExact(fleet, q, t0);
                    System.out.printf("faults: mosquitto restart, %d devices, %d hr messages published, "
                            + "%d publish retries, all stored exactly%n", DEVICES, fleet.totalSent(), fleet.retries());
                }
            }
        } finally {
            broker.close();
        }
    }

    static EmbeddedServer startService(String mqttUrl, String influxUrl, String clientId, Path dataDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("equilibrium.mqtt.enabled", true);
        p.put("equilibrium.mqtt.url", mqttUrl);
        p.put("equilibrium.mqtt.client-id", clientId);
        p.put("equilibrium.mqtt.reconnect-min-delay", "200ms");
        p.put("equilibrium.mqtt.reconnect-max-delay", "1s");
        p.put("equilibrium.data-dir", dataDir.toString());
        p.put("equilibrium.influx.url", influxUrl);
        p.put("equilibrium.influx.database", "faults");
        p.put("equilibrium.influx.spool-dir", dataDir.resolve("spool").toString());
        p.put("equilibrium.influx.retry-initial", "200ms");
        p.put("equilibrium.influx.retry-max", "2s");
        return ApplicationContext.run(EmbeddedServer.class, p);
    }

    private EmbeddedServer startService(String mqttUrl, String influxUrl, String clientId) {
        return startService(mqttUrl, influxUrl, clientId, dir.resolve("data"));
    }

    /** Waits until the service connected again after {@code connectsBefore} connects (not merely still "up"). */
    static void awaitReconnected(ApplicationContext ctx, long connectsBefore) throws InterruptedException {
        MqttIngress ingress = ctx.getBean(MqttIngress.class);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!(ingress.status().connects() > connectsBefore && ingress.status().up())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ingress.status().connects()).as("service reconnected within 20 s: %s", ingress.status())
                .isGreaterThan(connectsBefore);
        awaitMqttUp(ctx);
    }

    static void awaitMqttUp(ApplicationContext ctx) throws InterruptedException {
        MqttIngress ingress = ctx.getBean(MqttIngress.class);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!ingress.status().up() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ingress.status().up()).as("service subscribed to the broker within 20 s").isTrue();
    }
}
