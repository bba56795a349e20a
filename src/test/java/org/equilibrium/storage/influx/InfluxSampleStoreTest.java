package org.equilibrium.storage.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.equilibrium.decode.RejectReason;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.Sample;
import org.equilibrium.storage.SampleStore;
import org.equilibrium.storage.spool.DiskSpool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store against a real influxd (Debian's package, started on a free loopback port). */
class InfluxSampleStoreTest {

    private static final DeviceId STRAP = new DeviceId("strap-01");
    private static final DeviceId OTHER = new DeviceId("strap-02");
    private static final long T0 = 1_700_000_000_000L;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path shared;
    private static LocalServer influx;

    @TempDir
    Path dir;

    @BeforeAll
    static void startInflux() throws Exception {
        influx = LocalServers.startInflux(shared.resolve("influx"));
    }

    @AfterAll
    static void stopInflux() {
        if (influx != null) {
            influx.close();
        }
    }

    private InfluxStoreOptions options(String url) {
        return InfluxStoreOptions.defaults(url, "it_" + DATABASES.incrementAndGet(), dir.resolve("spool"))
                .withBatching(5000, Duration.ofMillis(20), 250_000)
                .withRetry(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    private static void await(java.util.concurrent.CompletionStage<Void> stage) throws Exception {
        stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static void eventually(Duration timeout, ThrowingCheck check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult health) {
        return (Map<String, Object>) health.getDetails();
    }

    interface ThrowingCheck {
        void run() throws Exception;
    }

    @Test
    void writesEveryKindAndReadsBackExactValuesAndTimestamps() throws Exception {
        InfluxStoreOptions o = options(influx.url());
        try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry());
             InfluxQueries q = InfluxQueries.connect(o)) {
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                samples.add(new Sample.HeartRate(STRAP, T0 + i * 1000L, 60 + i % 40, i % 2 == 0, (long) i));
                samples.add(new Sample.RrInterval(STRAP, T0 + i * 1000L + 7, 800.0 + i / 1024.0));
            }
            samples.add(new Sample.HeartRate(OTHER, T0, 99, null, null));
            samples.add(new Sample.Stim(STRAP, new StimReading(T0 + 5, 3L, StimReading.Modality.TENS,
                    StimReading.State.RUNNING, "a \"b\", c=d", 1, 80.0, 200.0, 25_000.0, true, 1200.5, 88, 600)));
            samples.add(new Sample.Status(STRAP, new StatusReading(T0 + 6, true, "H10", "3.1", 90, "claim")));
            samples.add(new Sample.Battery(STRAP, T0 + 8, 55));
            samples.add(new Sample.Reject(null, T0 + 9, RejectReason.NOT_JSON, "hr"));
            samples.add(new Sample.Reject(null, T0 + 9, RejectReason.NOT_JSON, "hr"));
            samples.add(new Sample.Reject(STRAP, T0 + 9, RejectReason.OUT_OF_RANGE, "bogus stream"));
            await(store.append(samples));

            List<InfluxQueries.HeartRatePoint> hr = q.heartRate(STRAP, T0, T0 + 1_000_000);
            assertThat(hr).hasSize(1000);
            assertThat(hr.get(0)).isEqualTo(new InfluxQueries.HeartRatePoint(T0, 60, true, 0L));
            assertThat(hr.get(999)).isEqualTo(new InfluxQueries.HeartRatePoint(T0 + 999_000, 60 + 999 % 40, false, 999L));
            assertThat(q.heartRate(OTHER, T0, T0 + 1)).containsExactly(new InfluxQueries.HeartRatePoint(T0, 99, null, null));

            List<InfluxQueries.RrPoint> rr = q.rrIntervals(STRAP, T0, T0 + 1_000_000);
            assertThat(rr).hasSize(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(rr.get(i)).isEqualTo(new InfluxQueries.RrPoint(T0 + i * 1000L + 7, 800.0 + i / 1024.0));
            }

            InfluxQueries.Row stim = q.rows("SELECT * FROM stim").get(0);
            assertThat(stim.timeMs()).isEqualTo(T0 + 5);
            assertThat(stim.values()).containsEntry("device", "strap-01").containsEntry("modality", "tens")
                    .containsEntry("state", "running").containsEntry("program", "a \"b\", c=d")
                    .containsEntry("channel", 1.0).containsEntry("frequency_hz", 80.0)
                    .containsEntry("pulse_width_us", 200.0).containsEntry("current_ua", 25_000.0)
                    .containsEntry("impedance_ohm", 1200.5).containsEntry("electrode_ok", true)
                    .containsEntry("battery_pct", 88.0).containsEntry("remaining_s", 600.0).containsEntry("seq", 3.0);

            List<InfluxQueries.Row> status = q.rows("SELECT * FROM device_status");
            assertThat(status).extracting(InfluxQueries.Row::timeMs).containsExactly(T0 + 6, T0 + 8);
            assertThat(status.get(0).values()).containsEntry("online", true).containsEntry("model", "H10")
                    .containsEntry("fw", "3.1").containsEntry("battery_pct", 90.0).doesNotContainKey("claim_code");
            assertThat(status.get(1).values()).containsEntry("battery_pct", 55.0).doesNotContainKey("online");

            // Two rejects of one series in one millisecond are two points, in that millisecond.
            List<InfluxQueries.Row> rejects = q.rows(
                    "SELECT sum(count) FROM ingest_rejects GROUP BY device, reason, stream");
            assertThat(rejects).extracting(r -> r.tags().get("device") + "/" + r.tags().get("reason") + "/"
                    + r.tags().get("stream") + "=" + r.number("sum").longValue())
                    .containsExactlyInAnyOrder("invalid/not-json/hr=2", "strap-01/out-of-range/other=1");
            assertThat(q.rows("SELECT count FROM ingest_rejects")).extracting(InfluxQueries.Row::timeMs)
                    .containsOnly(T0 + 9);

            // Field types are a contract: integers stay integers, floats floats.
            assertThat(q.rows("SHOW FIELD KEYS FROM heart_rate")).extracting(r -> r.values().get("fieldKey") + ":"
                    + r.values().get("fieldType")).containsExactlyInAnyOrder("bpm:integer", "contact:boolean",
                    "seq:integer");
            assertThat(store.health().writtenPoints()).isEqualTo(samples.size());
            assertThat(store.health().spooling()).isFalse();
        }
    }

    @Test
    void writingTheSameBatchTwiceChangesNothing() throws Exception {
        InfluxStoreOptions o = options(influx.url());
        try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry());
             InfluxQueries q = InfluxQueries.connect(o)) {
            List<Sample> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(new Sample.RrInterval(STRAP, T0 + i * 850L, 850.0 + i));
                batch.add(new Sample.HeartRate(STRAP, T0 + i * 850L, 70, true, (long) i));
            }
            await(store.append(batch));
            await(store.append(batch));
            assertThat(q.count("rr_interval", "rr_ms", STRAP, T0, T0 + 10_000_000)).isEqualTo(500);
            assertThat(q.count("heart_rate", "bpm", STRAP, T0, T0 + 10_000_000)).isEqualTo(500);
            assertThat(q.rows("SELECT sum(rr_ms) FROM rr_interval").get(0).number("sum"))
                    .isEqualTo(500 * 850.0 + 499 * 500 / 2.0);
        }
    }

    @Test
    void spoolsWhileInfluxIsDownAndReplaysEveryPointExactlyOnceInOrder() throws Exception {
        LocalServer own = LocalServers.startInflux(dir.resolve("own-influx"));
        // A fixed back-off: after its first failed replay the store waits 1.5-3 s, ten times what the restart
        // below takes here, so the spool still holds everything when the next append arrives.
        InfluxStoreOptions o = options(own.url()).withRetry(Duration.ofSeconds(3), Duration.ofSeconds(3));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (InfluxSampleStore store = new InfluxSampleStore(o, meters);
             InfluxQueries q = InfluxQueries.connect(o)) {
            await(store.append(List.of(new Sample.HeartRate(STRAP, T0, 60, true, 0L))));

            own.close();
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (int i = 1; i <= 300; i++) {
                stages.add(store.append(List.of(new Sample.HeartRate(STRAP, T0 + i * 1000L, 60 + i % 50, true, (long) i),
                        new Sample.RrInterval(STRAP, T0 + i * 1000L, 1000.0 + i))).toCompletableFuture());
            }
            // The same series and time written twice while down: the later value must win after replay.
            stages.add(store.append(List.of(new Sample.Battery(STRAP, T0 + 1, 10))).toCompletableFuture());
            stages.add(store.append(List.of(new Sample.Battery(STRAP, T0 + 1, 11))).toCompletableFuture());
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

            InfluxSampleStore.Health down = store.health();
            assertThat(down.spooling()).isTrue();
            assertThat(down.spoolPoints()).isEqualTo(602);
            assertThat(down.writeFailures()).isPositive();
            assertThat(down.lastError()).isNotNull();
            HealthResult health = InfluxHealthIndicator.result(down);
            assertThat(health.getStatus()).isEqualTo(HealthStatus.UP);
            assertThat(details(health)).containsEntry("spooling", true).containsKey("warning")
                    .containsEntry("spool_points", 602L);

            own = LocalServers.restartInflux(own);
            assertThat(store.health().spooling()).as("replay must not have started yet").isTrue();
            // Appended while InfluxDB is back but the spool is not yet replayed: it must go behind the spooled
            // values of the same point, not past them.
            await(store.append(List.of(new Sample.Battery(STRAP, T0 + 1, 12))));
            assertThat(store.health().spoolPoints()).isEqualTo(603);
            eventually(Duration.ofSeconds(20), () -> assertThat(store.health().spooling()).isFalse());

            List<InfluxQueries.HeartRatePoint> hr = q.heartRate(STRAP, T0, T0 + 1_000_000);
            assertThat(hr).hasSize(301);
            for (int i = 0; i <= 300; i++) {
                assertThat(hr.get(i)).isEqualTo(new InfluxQueries.HeartRatePoint(T0 + i * 1000L,
                        i == 0 ? 60 : 60 + i % 50, true, (long) i));
            }
            assertThat(q.rrIntervals(STRAP, T0, T0 + 1_000_000)).hasSize(300)
                    .allSatisfy(p -> assertThat(p.rrMs()).isEqualTo(1000.0 + (p.timestampMs() - T0) / 1000));
            assertThat(q.rows("SELECT battery_pct FROM device_status")).singleElement()
                    .satisfies(r -> assertThat(r.number("battery_pct")).isEqualTo(12.0));
            assertThat(meters.get("equilibrium.storage.points.spooled").counter().count()).isEqualTo(603);
            assertThat(meters.get("equilibrium.storage.spool.records").gauge().value()).isZero();
            assertThat(InfluxHealthIndicator.result(store.health()).getStatus()).isEqualTo(HealthStatus.UP);
        } finally {
            own.close();
        }
    }

    @Test
    void aFreshStoreReplaysTheSpoolAPreviousRunLeftIncludingAfterATornRecord() throws Exception {
        InfluxStoreOptions o = options(influx.url());
        InfluxLineMapper mapper = new InfluxLineMapper();
        try (DiskSpool crashed = DiskSpool.open(o.spoolDir(), o.spoolMaxBytes(), o.spoolSegmentBytes())) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                if (i > 0) {
                    sb.append('\n');
                }
                sb.append(mapper.line(new Sample.RrInterval(STRAP, T0 + i * 900L, 900.0 + i)));
            }
            crashed.tryAppend(sb.toString().getBytes(StandardCharsets.UTF_8), 100);
            crashed.tryAppend(mapper.line(new Sample.RrInterval(STRAP, T0 - 1, 1.0)).getBytes(StandardCharsets.UTF_8), 1);
            crashed.sync();
        }
        // The crash tore the last record.
        Path segment;
        try (var files = java.nio.file.Files.list(o.spoolDir())) {
            segment = files.filter(p -> p.toString().endsWith(".spool")).findFirst().orElseThrow();
        }
        try (var f = new java.io.RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(f.length() - 3);
        }
        try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry());
             InfluxQueries q = InfluxQueries.connect(o)) {
            eventually(Duration.ofSeconds(10), () -> assertThat(store.health().spooling()).isFalse());
            List<InfluxQueries.RrPoint> rr = q.rrIntervals(STRAP, T0 - 10, T0 + 1_000_000);
            assertThat(rr).hasSize(100);
            assertThat(rr.get(0)).isEqualTo(new InfluxQueries.RrPoint(T0, 900.0));
            assertThat(rr.get(99)).isEqualTo(new InfluxQueries.RrPoint(T0 + 99 * 900L, 999.0));
        }
        assertThat(o.spoolDir().resolve("spool.lock")).exists();
        try (var files = java.nio.file.Files.list(o.spoolDir())) {
            assertThat(files.filter(p -> p.toString().endsWith(".spool"))).isEmpty();
        }
    }

    @Test
    void refusesAndCountsWhenTheSpoolIsFullAndNeverBlocksStartUp() throws Exception {
        // Nothing listens on this port: InfluxDB is down from the start, and the store starts anyway.
        InfluxStoreOptions o = options("http://127.0.0.1:" + LocalServers.freePort())
                .withSpoolMaxBytes(1 << 20, 256 << 10);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (InfluxSampleStore store = new InfluxSampleStore(o, meters)) {
            List<Sample> batch = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                batch.add(new Sample.RrInterval(STRAP, T0 + i, 1000.0 + i));
            }
            int accepted = 0;
            ExecutionException refusal = null;
            for (int round = 0; round < 50 && refusal == null; round++) {
                try {
                    await(store.append(batch));
                    accepted++;
                } catch (ExecutionException e) {
                    refusal = e;
                }
            }
            assertThat(refusal).isNotNull();
            assertThat(refusal.getCause()).isInstanceOf(SampleStore.StoreRefusedException.class)
                    .hasMessageContaining("spool is full");
            assertThat(accepted).isPositive();
            InfluxSampleStore.Health h = store.health();
            assertThat(h.refusedPoints()).isEqualTo(2000);
            assertThat(h.spoolPoints()).isEqualTo(accepted * 2000L);
            assertThat(h.spoolAlert()).isTrue();
            assertThat(meters.get("equilibrium.storage.refused").tag("reason", "spool-full").counter().count())
                    .isEqualTo(2000);
            HealthResult health = InfluxHealthIndicator.result(h);
            assertThat(health.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(details(health)).containsEntry("spool_alert", true)
                    .containsEntry("refused_points", 2000L).containsEntry("reachable", false);
        }
    }

    @Test
    void refusesInvalidSamplesWithAClearErrorAndStoresTheRest() throws Exception {
        InfluxStoreOptions o = options(influx.url());
        try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry());
             InfluxQueries q = InfluxQueries.connect(o)) {
            assertThatThrownBy(() -> await(store.append(List.of(new Sample.RrInterval(STRAP, T0, Double.NaN)))))
                    .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("rr_ms");
            assertThatThrownBy(() -> await(store.append(List.of(new Sample.Reject(STRAP, T0, null, "hr")))))
                    .hasCauseInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> await(store.append(List.of(new Sample.Stim(STRAP, null)))))
                    .hasCauseInstanceOf(IllegalArgumentException.class);
            await(store.append(List.of(new Sample.RrInterval(STRAP, T0, 700.0))));
            assertThat(q.rrIntervals(STRAP, T0, T0 + 1)).containsExactly(new InfluxQueries.RrPoint(T0, 700.0));
        }
    }

    @Test
    void countsPointsInfluxRejectsAsInvalidWithoutBlockingTheSpool() throws Exception {
        InfluxStoreOptions o = options(influx.url());
        try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry());
             InfluxQueries q = InfluxQueries.connect(o)) {
            await(store.append(List.of(new Sample.Battery(STRAP, T0, 50))));
            // An outside writer made battery_pct a float in another point; our integer now conflicts.
            q.rows("SELECT * FROM device_status"); // the database exists
            org.influxdb.InfluxDB raw = InfluxClients.connect(o);
            try {
                raw.query(new org.influxdb.dto.Query("DROP MEASUREMENT device_status", o.database(), true));
                raw.write(o.database(), null, org.influxdb.InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
                        "device_status,device=strap-01 battery_pct=1.5 " + (T0 - 1));
            } finally {
                raw.close();
            }
            await(store.append(List.of(new Sample.Battery(STRAP, T0 + 1, 51), new Sample.RrInterval(STRAP, T0, 640.0))));
            InfluxSampleStore.Health h = store.health();
            assertThat(h.rejectedPoints()).isEqualTo(1);
            assertThat(h.lastError()).contains("field type conflict");
            assertThat(h.spooling()).isFalse();
            assertThat(q.rrIntervals(STRAP, T0, T0 + 1)).containsExactly(new InfluxQueries.RrPoint(T0, 640.0));
        }
    }

    @Test
    void aCallWithSeveralDevicesIsRefusedWithTheSameExceptionAsASingleDeviceCall() throws Exception {
        InfluxStoreOptions o = options("http://127.0.0.1:" + LocalServers.freePort());
        try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry())) {
            assertThat(o.writeConcurrency()).isEqualTo(2);
            store.close();
            // strap-01 and strap-02 fall in different writer lanes.
            CompletableFuture<Void> both = store.append(List.of(new Sample.Battery(STRAP, T0, 1),
                    new Sample.Battery(OTHER, T0, 2))).toCompletableFuture();
            assertThat(both).isCompletedExceptionally();
            Throwable cause = both.handle((v, t) -> t).join();
            assertThat(cause).isInstanceOf(SampleStore.StoreRefusedException.class).hasMessageContaining("shut down");
            assertThat(store.health().refusedPoints()).isEqualTo(2);
        }
    }

    @Test
    void writesAsSoonAsAppendsPauseInsteadOfWaitingOutTheFlushInterval() throws Exception {
        // Acks wait on the write: a sender whose window is used up sends nothing more, so waiting for the
        // interval would cap ingest at one window per interval.
        InfluxStoreOptions o = options(influx.url()).withBatching(5000, Duration.ofSeconds(60), 250_000)
                .withFlushIdle(Duration.ofMillis(5));
        try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry())) {
            // times out (the test fails) if the writer waits for its 60-s deadline
            store.append(List.of(new Sample.Battery(STRAP, T0, 77))).toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void writesAFullBatchAtOnceWithoutWaitingForAnyDeadline() throws Exception {
        InfluxStoreOptions o = options(influx.url()).withBatching(10, Duration.ofSeconds(60), 250_000)
                .withFlushIdle(Duration.ofSeconds(60)).withWriteConcurrency(1);
        try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry());
             InfluxQueries q = InfluxQueries.connect(o)) {
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                stages.add(store.append(List.of(new Sample.Battery(STRAP, T0 + i * 1000L, 50 + i)))
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            eventually(Duration.ofSeconds(10), () -> assertThat(q.count("device_status", "battery_pct", STRAP, T0, T0 + 10_000))
                    .isEqualTo(10));
        }
    }

    @Test
    void aWriteThatTimesOutIsSpooledAndItsLateArrivalDoesNotDoubleTheData() throws Exception {
        LocalServer own = LocalServers.startInflux(dir.resolve("slow-influx"));
        InfluxStoreOptions o = options(own.url()).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(700));
        try (InfluxSampleStore store = new InfluxSampleStore(o, new SimpleMeterRegistry());
             InfluxQueries q = InfluxQueries.connect(o)) {
            await(store.append(List.of(new Sample.HeartRate(STRAP, T0, 60, true, 0L))));
            // SIGSTOP: InfluxDB still accepts connections (the kernel does) but answers nothing, as when overloaded.
            signal(own, "STOP");
            try {
                List<Sample> batch = new ArrayList<>();
                for (int i = 1; i <= 200; i++) {
                    batch.add(new Sample.HeartRate(STRAP, T0 + i * 1000L, 70, false, (long) i));
                }
                long started = System.nanoTime();
                await(store.append(batch));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
                assertThat(store.health().spoolPoints()).isEqualTo(200);
                assertThat(store.health().writeFailures()).isPositive();
            } finally {
                signal(own, "CONT");
            }
            // The timed-out request is processed once InfluxDB resumes, and the replay writes the same points again.
            eventually(Duration.ofSeconds(20), () -> assertThat(store.health().spooling()).isFalse());
            assertThat(q.count("heart_rate", "bpm", STRAP, T0, T0 + 1_000_000)).isEqualTo(201);
            assertThat(q.rows("SELECT sum(seq) FROM heart_rate").get(0).number("sum")).isEqualTo(200 * 201 / 2.0);
        } finally {
            own.close();
        }
    }

    private static void signal(LocalServer server, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(server.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
