package org.equilibrium.storage.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.equilibrium.device.DeviceId;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a process that is spooling: every point whose stage completed is in InfluxDB after the restart. */
class StoreCrashTest {

    static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedPointSurvivesAKillNineAndIsStoredOnceAfterRestart() throws Exception {
        Path spool = dir.resolve("spool");
        Path acked = dir.resolve("acked.txt");
        Files.createFile(acked);
        String deadUrl = "http://127.0.0.1:" + LocalServers.freePort();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingAppender.class.getName(), deadUrl,
                spool.toString(), acked.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.readAllLines(acked).size() < 100) {
                assertThat(child.isAlive()).as("child died: %s", Files.readString(dir.resolve("child.log"))).isTrue();
                assertThat(System.nanoTime()).as("child too slow").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        List<String> ackedSeqs = Files.readAllLines(acked).stream().filter(l -> !l.isBlank()).toList();
        long lastAcked = Long.parseLong(ackedSeqs.get(ackedSeqs.size() - 1));
        assertThat(ackedSeqs).hasSize((int) lastAcked + 1);

        try (LocalServer influx = LocalServers.startInflux(dir.resolve("influx"))) {
            InfluxStoreOptions o = InfluxStoreOptions.defaults(influx.url(), "crash", spool)
                    .withRetry(Duration.ofMillis(50), Duration.ofMillis(200));
            try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry());
                 InfluxQueries q = InfluxQueries.connect(o)) {
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (store.health().spooling() && System.nanoTime() < waitUntil) {
                    Thread.sleep(20);
                }
                assertThat(store.health().spooling()).isFalse();
                DeviceId device = new DeviceId("crash-1");
                List<InfluxQueries.HeartRatePoint> hr = q.heartRate(device, T0, T0 + 100_000_000L);
                // Acknowledged means durable: every acked seq is there; at most the one in flight at the kill
                // may be there too. Each exactly once, at its own time.
                assertThat(hr.size()).isBetween(ackedSeqs.size(), ackedSeqs.size() + 1);
                for (int i = 0; i < hr.size(); i++) {
                    assertThat(hr.get(i)).isEqualTo(new InfluxQueries.HeartRatePoint(T0 + i * 10L, 60, true, (long) i));
                }
                assertThat(q.count("rr_interval", "rr_ms", device, T0, T0 + 100_000_000L)).isEqualTo(hr.size());
            }
        }
    }
}
