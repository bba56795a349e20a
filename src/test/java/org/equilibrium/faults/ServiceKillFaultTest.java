package org.equilibrium.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.influx.InfluxQueries;
import org.equilibrium.storage.influx.InfluxStoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the service (a child JVM running {@code Main serve}) while 200 devices stream, then a restart
 * with the same client id and data dir: the persistent MQTT session, manual acks, the spool and idempotent writes
 * together leave InfluxDB holding every published message exactly once.
 */
class ServiceKillFaultTest {

    @TempDir
    Path dir;

    @Test
    void killNineOfTheServiceMidStreamLosesAndDoublesNothing() throws Exception {
        try (LocalServer broker = LocalServers.startMosquitto(dir.resolve("mq"));
             LocalServer influx = LocalServers.startInflux(dir.resolve("influx"))) {
            Path data = dir.resolve("data");
            Process service = startService(broker, influx, data, dir.resolve("service-1.log"));
            try {
                long t0 = System.currentTimeMillis();
                try (DeviceFleet fleet = new DeviceFleet(broker.url(), FaultsIntegrationTest.DEVICES,
                        FaultsIntegrationTest.PUBLISHERS, t0)) {
                    fleet.start();
                    Thread.sleep(8_000);
                    service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    assertThat(service.isAlive()).as("service killed").isFalse();
                    long atKill = fleet.totalSent();
                    Thread.sleep(5_000);
                    service = startService(broker, influx, data, dir.resolve("service-2.log"));
                    Thread.sleep(5_000);
                    fleet.stop();
                    InfluxStoreOptions o = InfluxStoreOptions.defaults(influx.url(), "faults", data.resolve("q"));
                    try (InfluxQueries q = InfluxQueries.connect(o)) {
                        StoredAsPublished.await(fleet, q, t0, 90_000);
                        StoredAsPublished.assertExact(fleet, q, t0);
                    }
                    System.out.printf("faults: kill -9 of the service after %d messages, %d devices, %d hr messages "
                            + "published, all stored exactly%n", atKill, FaultsIntegrationTest.DEVICES,
                            fleet.totalSent());
                }
            } finally {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code java -cp <test classpath> org.equilibrium.Main serve}, configured through its environment. */
    private static Process startService(LocalServer broker, LocalServer influx, Path data, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.equilibrium.Main", "serve")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("EQUILIBRIUM_MQTT_URL", broker.url());
        env.put("EQUILIBRIUM_MQTT_CLIENT_ID", "faults-kill");
        env.put("EQUILIBRIUM_INFLUX_URL", influx.url());
        env.put("EQUILIBRIUM_INFLUX_DB", "faults");
        env.put("EQUILIBRIUM_DATA_DIR", data.toString());
        env.put("EQUILIBRIUM_HTTP_PORT", Integer.toString(LocalServers.freePort()));
        env.put("EQUILIBRIUM_ADMIN_PASSWORD", "faults-admin-password");
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            if (out.contains("MQTT subscribed to")) {
                return p;
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                List<String> lines = out.lines().toList();
                throw new AssertionError("service did not subscribe within 60 s (alive=" + p.isAlive() + "):\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
            Thread.sleep(100);
        }
    }
}
