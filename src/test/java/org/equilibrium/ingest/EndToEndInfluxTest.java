package org.equilibrium.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equilibrium.device.DeviceId;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.influx.InfluxQueries;
import org.equilibrium.testing.TestPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device → real Mosquitto → the service → real InfluxDB: exact values and beat times queried back. */
class EndToEndInfluxTest {

    @Test
    void contractJsonAndRawHeartRateBytesAreQueryableInInfluxWithExactBeatTimes(@TempDir Path dir) throws Exception {
        try (LocalServer broker = LocalServers.startMosquitto(dir.resolve("mq"));
             LocalServer influx = LocalServers.startInflux(dir.resolve("influx"))) {
            Map<String, Object> p = Map.of(
                    "micronaut.server.port", -1,
                    "equilibrium.mqtt.enabled", true,
                    "equilibrium.mqtt.url", broker.url(),
                    "equilibrium.mqtt.client-id", "it-e2e",
                    "equilibrium.data-dir", dir.resolve("data").toString(),
                    "equilibrium.influx.url", influx.url(),
                    "equilibrium.influx.database", "e2e",
                    "equilibrium.influx.spool-dir", dir.resolve("data/spool").toString());
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p);
                 TestPublisher dev = new TestPublisher(broker.url(), "dev-e2e")) {
                ApplicationContext ctx = server.getApplicationContext();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (!ctx.getBean(org.equilibrium.transport.mqtt.MqttIngress.class).status().up()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                dev.publish("biofeedback/v1/e2e-json/hr",
                        "{\"ts\":1763740800123,\"seq\":1842,\"bpm\":61,\"rr_ms\":[983.4,975.6],\"contact\":true}");
                dev.publish("biofeedback/v1/e2e-json/hr", "not json at all".getBytes(StandardCharsets.UTF_8));
                long before = System.currentTimeMillis();
                dev.publish("biofeedback/v1/e2e-ble/gatt/2a37", new byte[] {0x10, 72, 0x00, 0x04, 0x66, 0x03});
                long after = System.currentTimeMillis();

                InfluxQueries q = ctx.getBean(InfluxQueries.class);
                DeviceId json = new DeviceId("e2e-json");
                DeviceId ble = new DeviceId("e2e-ble");
                List<InfluxQueries.RrPoint> rr = List.of();
                List<InfluxQueries.RrPoint> bleRr = List.of();
                while (System.nanoTime() < deadline && (rr.size() < 2 || bleRr.size() < 2)) {
                    Thread.sleep(100);
                    rr = q.rrIntervals(json, 0, Long.MAX_VALUE / 2_000_000);
                    bleRr = q.rrIntervals(ble, 0, Long.MAX_VALUE / 2_000_000);
                }
                assertThat(rr).containsExactly(new InfluxQueries.RrPoint(1763740799147L, 983.4),
                        new InfluxQueries.RrPoint(1763740800123L, 975.6));
                assertThat(q.heartRate(json, 0, Long.MAX_VALUE / 2_000_000)).containsExactly(
                        new InfluxQueries.HeartRatePoint(1763740800123L, 61, true, 1842L));
                assertThat(bleRr).extracting(InfluxQueries.RrPoint::rrMs).containsExactly(1000.0, 870 * 1000.0 / 1024);
                long t = bleRr.get(1).timestampMs();
                assertThat(t).isBetween(before, after + 1000);
                assertThat(bleRr.get(0).timestampMs()).isEqualTo(t - 850);
                // the bad message is counted as a reject, not stored as data
                long rejects = 0;
                while (System.nanoTime() < deadline && rejects == 0) {
                    rejects = q.rows("SELECT * FROM ingest_rejects WHERE device = 'e2e-json'").size();
                    Thread.sleep(100);
                }
                assertThat(rejects).isEqualTo(1);
                assertThat(q.heartRate(json, 0, Long.MAX_VALUE / 2_000_000)).hasSize(1);
            }
        }
    }
}
