package org.equilibrium.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.equilibrium.decode.RejectReason;
import org.equilibrium.device.DeviceId;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.equilibrium.storage.Sample;
import org.equilibrium.testing.RecordingSampleStore;
import org.equilibrium.testing.ServiceUnderTest;
import org.equilibrium.testing.TestPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service against a real Mosquitto: what devices publish is what reaches the store. */
class MqttIngestIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static LocalServer broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = LocalServers.startMosquitto(dir.resolve("mosquitto"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static ServiceUnderTest service(String clientId, Path data) {
        return ServiceUnderTest.start(broker.url(), clientId, data, Map.of("equilibrium.ingest.max-payload-bytes", 2048));
    }

    @Test
    void contractMessagesAndRawHeartRateBytesReachTheStoreWithExactValuesAndBeatTimes(@TempDir Path data)
            throws Exception {
        try (ServiceUnderTest s = service("it-contract", data); TestPublisher dev = new TestPublisher(broker.url(), "dev-a")) {
            s.awaitSubscribed(WAIT);
            dev.publish("biofeedback/v1/strap-a/hr",
                    "{\"ts\":1763740800123,\"seq\":1842,\"bpm\":61,\"rr_ms\":[983.4,975.6],\"contact\":true}");
            dev.publish("biofeedback/v1/tens-a/stim", "{\"ts\":1763740800500,\"seq\":77,\"modality\":\"tens\","
                    + "\"state\":\"running\",\"program\":\"burst\",\"channel\":1,\"frequency_hz\":80.0,"
                    + "\"pulse_width_us\":200,\"current_ua\":12500,\"electrode_ok\":true,\"impedance_ohm\":1500,"
                    + "\"battery_pct\":81,\"remaining_s\":1200}");
            dev.publish("biofeedback/v1/strap-b/status",
                    "{\"online\":true,\"model\":\"polar-h10\",\"fw\":\"5.0.0\",\"battery_pct\":81}");
            // Heart Rate Measurement: flags 0x10 (uint8 HR, RR present), 72 bpm, RR 1024/1024 s and 870/1024 s
            long before = System.currentTimeMillis();
            dev.publish("biofeedback/v1/strap-b/gatt/2a37", new byte[] {0x10, 72, 0x00, 0x04, 0x66, 0x03});
            // sim-tens-telemetry-v1: v1; running, tens, electrode ok; burst, ch 1; no fault; seq 5; 80.0 Hz; 200 us;
            // 12500 uA; 1500 ohm; 81 %; 1200 s
            dev.publish("biofeedback/v1/tens-b/gatt/e9b10001-7c1a-4d5e-9f3b-5e7175696c69", new byte[] {1, 0x22, 0x01, 0,
                    5, 0, 0x20, 0x03, (byte) 0xC8, 0, (byte) 0xD4, 0x30, 0, 0, (byte) 0xDC, 0x05, 81, (byte) 0xB0, 0x04});
            RecordingSampleStore store = s.store();
            store.await(l -> l.stream().filter(x -> x instanceof Sample.RrInterval).count() == 4
                    && l.stream().filter(x -> x instanceof Sample.Stim).count() == 2
                    && l.stream().anyMatch(x -> x instanceof Sample.Status), WAIT);
            long after = System.currentTimeMillis();

            DeviceId a = new DeviceId("strap-a");
            assertThat(store.samples(Sample.HeartRate.class)).contains(
                    new Sample.HeartRate(a, 1763740800123L, 61, true, 1842L));
            // last RR ends at ts; the one before at ts - 975.6 = 1763740799147.4 -> ...147
            assertThat(store.samples(Sample.RrInterval.class)).contains(
                    new Sample.RrInterval(a, 1763740799147L, 983.4), new Sample.RrInterval(a, 1763740800123L, 975.6));
            Sample.Stim telemetry = store.samples(Sample.Stim.class).stream()
                    .filter(x -> x.device().equals(new DeviceId("tens-b"))).findFirst().orElseThrow();
            assertThat(telemetry.reading().seq()).isEqualTo(5L);
            assertThat(telemetry.reading().frequencyHz()).isEqualTo(80.0);
            assertThat(telemetry.reading().currentMicroamps()).isEqualTo(12_500.0);
            assertThat(telemetry.reading().state()).isEqualTo(org.equilibrium.decode.StimReading.State.RUNNING);
            Sample.Stim stim = store.samples(Sample.Stim.class).stream()
                    .filter(x -> x.device().equals(new DeviceId("tens-a"))).findFirst().orElseThrow();
            assertThat(stim.device()).isEqualTo(new DeviceId("tens-a"));
            assertThat(stim.reading().currentMicroamps()).isEqualTo(12_500.0);
            assertThat(stim.reading().frequencyHz()).isEqualTo(80.0);
            assertThat(stim.timestampMs()).isEqualTo(1763740800500L);

            DeviceId b = new DeviceId("strap-b");
            Sample.HeartRate raw = store.samples(Sample.HeartRate.class).stream()
                    .filter(h -> h.device().equals(b)).findFirst().orElseThrow();
            assertThat(raw.bpm()).isEqualTo(72);
            assertThat(raw.timestampMs()).isBetween(before, after);
            List<Sample.RrInterval> rawRr = store.samples(Sample.RrInterval.class).stream()
                    .filter(r -> r.device().equals(b)).toList();
            assertThat(rawRr).extracting(Sample.RrInterval::rrMs).containsExactly(1000.0, 870 * 1000.0 / 1024);
            assertThat(rawRr.get(1).timestampMs()).isEqualTo(raw.timestampMs());
            assertThat(rawRr.get(0).timestampMs()).isEqualTo(raw.timestampMs() - 850); // 849.6 ms earlier, rounded

            // unknown devices are registered unpaired, with their status
            String devices = s.get("/api/devices").body();
            assertThat(devices).contains("\"id\":\"strap-b\"", "\"model\":\"polar-h10\"", "\"patient_id\":null");
            assertThat(s.get("/metrics/equilibrium.ingest.beats").body()).contains("\"value\":4.0");
        }
    }

    @Test
    void everyKindOfBadInputIsCountedAndNotStoredWhileValidTrafficBesideItIsIntact(@TempDir Path data)
            throws Exception {
        try (ServiceUnderTest s = service("it-bad", data); TestPublisher dev = new TestPublisher(broker.url(), "dev-bad")) {
            s.awaitSubscribed(WAIT);
            String t = "biofeedback/v1/good-1/hr";
            int seq = 0;
            long ts = 1_763_740_800_000L;
            Object[][] bad = {
                    {"biofeedback/v1/good-1/hr", "this is not json", RejectReason.NOT_JSON},
                    {"biofeedback/v1/good-1/hr", "{\"ts\":\"yesterday\",\"bpm\":60}", RejectReason.WRONG_TYPE},
                    {"biofeedback/v1/good-1/hr", "{\"ts\":1763740800000,\"bpm\":300}", RejectReason.OUT_OF_RANGE},
                    {"biofeedback/v1/good-1/hr", "{\"ts\":1763740800000,\"bpm\":60,\"rr_ms\":[90]}",
                            RejectReason.OUT_OF_RANGE},
                    {"biofeedback/v1/good-1/hr", "{\"bpm\":60}", RejectReason.MISSING_FIELD},
                    {"biofeedback/v1/bad id!/hr", "{\"ts\":1763740800000,\"bpm\":60}", RejectReason.BAD_DEVICE_ID},
                    {"biofeedback/v1/good-1/hr", "{\"ts\":1763740800000,\"bpm\":60,\"x\":\"" + "y".repeat(3000) + "\"}",
                            RejectReason.OVERSIZED},
                    {"biofeedback/v1/good-1/weather", "{}", RejectReason.UNKNOWN_STREAM},
                    {"biofeedback/v1/good-1/gatt/2a37", "\u0001", RejectReason.MALFORMED_BINARY},
            };
            for (Object[] b : bad) {
                seq++;
                ts += 1000;
                dev.publish(t, "{\"ts\":" + ts + ",\"seq\":" + seq + ",\"bpm\":60,\"rr_ms\":[1000]}");
                dev.publish((String) b[0], (String) b[1]);
            }
            dev.publish(t, "{\"ts\":" + ts + ",\"seq\":" + seq + ",\"bpm\":60,\"rr_ms\":[1000]}"); // duplicate
            seq++;
            ts += 1000;
            dev.publish(t, "{\"ts\":" + ts + ",\"seq\":" + seq + ",\"bpm\":60,\"rr_ms\":[1000]}");
            int valid = seq;

            RecordingSampleStore store = s.store();
            store.await(l -> l.stream().filter(x -> x instanceof Sample.HeartRate).count() == valid
                    && l.stream().filter(x -> x instanceof Sample.Reject).count() == bad.length, WAIT);
            Thread.sleep(300); // nothing else trickles in
            List<Sample.HeartRate> hr = store.samples(Sample.HeartRate.class);
            assertThat(hr).extracting(Sample.HeartRate::seq).containsExactly(
                    java.util.stream.LongStream.rangeClosed(1, valid).boxed().toArray(Long[]::new));
            assertThat(store.samples(Sample.RrInterval.class)).hasSize(valid);
            assertThat(store.samples(Sample.Reject.class)).extracting(Sample.Reject::reason)
                    .containsExactly(java.util.Arrays.stream(bad).map(b -> (RejectReason) b[2])
                            .toArray(RejectReason[]::new));
            assertThat(store.samples()).hasSize(2 * valid + bad.length);

            IngestStats stats = s.bean(IngestStats.class);
            DeviceStats.Snapshot good = stats.snapshot().get("good-1");
            assertThat(good.duplicates()).isEqualTo(1);
            assertThat(good.lost()).isZero();
            assertThat(good.gaps()).isZero();
            assertThat(good.rejects()).containsEntry(RejectReason.NOT_JSON, 1L)
                    .containsEntry(RejectReason.OUT_OF_RANGE, 2L).containsEntry(RejectReason.OVERSIZED, 1L)
                    .containsEntry(RejectReason.UNKNOWN_STREAM, 1L).containsEntry(RejectReason.MALFORMED_BINARY, 1L);
            assertThat(stats.invalid().snapshot().rejects()).containsEntry(RejectReason.BAD_DEVICE_ID, 1L);
            String api = s.get("/api/ingest/stats").body();
            assertThat(api).contains("\"not-json\":1", "\"out-of-range\":2", "\"bad-device-id\":1");
            assertThat(s.get("/metrics/equilibrium.ingest.rejects?tag=device:invalid&tag=reason:bad-device-id")
                    .body()).contains("\"value\":1.0");
        }
    }

    @Test
    void restartingTheServiceMidStreamLosesNothing(@TempDir Path data) throws Exception {
        String t = "biofeedback/v1/strap-r/hr";
        long ts0 = 1_763_740_800_000L;
        try (TestPublisher dev = new TestPublisher(broker.url(), "dev-r")) {
            try (ServiceUnderTest s = service("it-restart", data)) {
                s.awaitSubscribed(WAIT);
                for (int i = 1; i <= 50; i++) {
                    dev.publish(t, "{\"ts\":" + (ts0 + i * 1000L) + ",\"seq\":" + i + ",\"bpm\":60,\"rr_ms\":[1000]}");
                }
                s.store().await(l -> l.stream().filter(x -> x instanceof Sample.HeartRate).count() == 50, WAIT);
                Thread.sleep(200); // let the acks of what was stored go out before stopping
            }
            // the service is down: the broker queues these in its persistent session
            for (int i = 51; i <= 100; i++) {
                dev.publish(t, "{\"ts\":" + (ts0 + i * 1000L) + ",\"seq\":" + i + ",\"bpm\":60,\"rr_ms\":[1000]}");
            }
            try (ServiceUnderTest s = service("it-restart", data)) {
                List<Sample> got = s.store().await(l -> l.stream().filter(x -> x instanceof Sample.HeartRate)
                        .map(x -> ((Sample.HeartRate) x).seq()).distinct().count() == 50, WAIT);
                assertThat(got.stream().filter(x -> x instanceof Sample.HeartRate).map(x -> ((Sample.HeartRate) x).seq())
                        .distinct().sorted().toList())
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(51, 100).boxed().toList());
                // the registry kept the device across the restart
                assertThat(s.get("/api/devices").body()).contains("\"id\":\"strap-r\"");
            }
        }
    }

    @Test
    void aStoreThatRefusesHoldsTheMessageUntilItIsStored(@TempDir Path data) throws Exception {
        try (ServiceUnderTest s = service("it-refuse", data); TestPublisher dev = new TestPublisher(broker.url(), "dev-f")) {
            s.awaitSubscribed(WAIT);
            s.store().refuseNext(4);
            dev.publish("biofeedback/v1/strap-f/hr", "{\"ts\":1763740800000,\"seq\":1,\"bpm\":60}");
            s.store().await(l -> l.size() == 1, WAIT);
            assertThat(s.store().refusedCount()).isEqualTo(4);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (s.bean(IngestDispatcher.class).inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(s.bean(IngestDispatcher.class).inFlight()).isZero();
        }
    }

    @Test
    void instancesInASharedSubscriptionGroupSplitTheTrafficWithoutLossOrDoubling(@TempDir Path data) throws Exception {
        Map<String, Object> shared = Map.of("equilibrium.mqtt.shared-group", "ingest");
        try (ServiceUnderTest one = ServiceUnderTest.start(broker.url(), "it-shared-1", data.resolve("1"), shared);
             ServiceUnderTest two = ServiceUnderTest.start(broker.url(), "it-shared-2", data.resolve("2"), shared);
             TestPublisher dev = new TestPublisher(broker.url(), "dev-s")) {
            one.awaitSubscribed(WAIT);
            two.awaitSubscribed(WAIT);
            assertThat(one.get("/health").body()).contains("\"subscription\":\"$share/ingest/biofeedback/v1/+/#\"");
            for (int i = 1; i <= 40; i++) {
                dev.publish("biofeedback/v1/strap-s" + (i % 4) + "/hr",
                        "{\"ts\":" + (1_763_740_800_000L + i * 1000L) + ",\"seq\":" + i + ",\"bpm\":60}");
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<Long> seqs = List.of();
            while (System.nanoTime() < deadline) {
                seqs = java.util.stream.Stream.concat(one.store().samples(Sample.HeartRate.class).stream(),
                        two.store().samples(Sample.HeartRate.class).stream()).map(Sample.HeartRate::seq).sorted().toList();
                if (seqs.size() >= 40) {
                    break;
                }
                Thread.sleep(50);
            }
            Thread.sleep(300);
            assertThat(seqs).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
            assertThat(one.store().samples(Sample.HeartRate.class)).isNotEmpty();
            assertThat(two.store().samples(Sample.HeartRate.class)).isNotEmpty();
        }
    }

    @Test
    void whileTheStoreIsSlowTheBrokerHoldsMessagesBeyondTheReceiveMaximumAndDeliversThemLater(@TempDir Path data)
            throws Exception {
        Map<String, Object> small = Map.of("equilibrium.mqtt.receive-maximum", 5, "equilibrium.mqtt.queue-capacity", 5);
        try (ServiceUnderTest s = ServiceUnderTest.start(broker.url(), "it-window", data, small);
             TestPublisher dev = new TestPublisher(broker.url(), "dev-w")) {
            s.awaitSubscribed(WAIT);
            RecordingSampleStore store = s.store();
            store.hold(); // samples are taken but not yet durable: no acks
            for (int i = 1; i <= 30; i++) {
                dev.publish("biofeedback/v1/strap-w/hr",
                        "{\"ts\":" + (1_763_740_800_000L + i * 1000L) + ",\"seq\":" + i + ",\"bpm\":60}");
            }
            Thread.sleep(1_000);
            IngestDispatcher dispatcher = s.bean(IngestDispatcher.class);
            // the broker sent only as many as the receive maximum and keeps the rest
            assertThat(dispatcher.inFlight()).isEqualTo(5);
            assertThat(store.samples(Sample.HeartRate.class)).hasSize(5);
            assertThat(s.get("/metrics/equilibrium.ingest.backpressure").body()).contains("\"value\":1.0");
            store.release(); // durable now: acks go out, the broker sends the rest
            store.await(l -> l.stream().filter(x -> x instanceof Sample.HeartRate).count() == 30, WAIT);
            assertThat(store.samples(Sample.HeartRate.class)).extracting(Sample.HeartRate::seq)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList());
        }
    }
}
