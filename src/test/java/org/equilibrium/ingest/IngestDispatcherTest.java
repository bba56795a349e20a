package org.equilibrium.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.device.DeviceId;
import org.equilibrium.storage.Sample;
import org.equilibrium.testing.RecordingSampleStore;
import org.equilibrium.transport.mqtt.InboundMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IngestDispatcherTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RecordingSampleStore store = new RecordingSampleStore();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<Integer> acks = new CopyOnWriteArrayList<>();
    private IngestDispatcher dispatcher;

    private IngestDispatcher dispatcher(int workers) {
        IngestLimits limits = IngestLimits.defaults();
        IngestStats stats = new IngestStats();
        IngestMetrics metrics = new IngestMetrics(meters, 100);
        return new IngestDispatcher(workers, 100, () -> new IngestPipeline(limits, new TopicParser("", 256),
                new ContractStreamDecoders(DecoderRegistry.standard()), stats, metrics, new RejectLog(60_000, 100),
                DeviceObserver.NONE, new IngestListeners()), store, scheduler, meters, "", 100,
                Duration.ofMillis(10), Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        scheduler.shutdownNow();
    }

    private void send(int id, String device, String json) {
        dispatcher.messageArrived(new InboundMessage("biofeedback/v1/" + device + "/hr",
                json.getBytes(StandardCharsets.UTF_8), 1, false, System.currentTimeMillis(), null), () -> acks.add(id));
    }

    private void awaitAcks(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (acks.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @ParameterizedTest(name = "{0} worker threads (0: on the MQTT callback thread)")
    @ValueSource(ints = {0, 1})
    void acknowledgesOnlyAfterTheSamplesAreDurablyStored(int workers) throws Exception {
        dispatcher = dispatcher(workers);
        dispatcher.start();
        store.hold();
        send(1, "d", "{\"ts\":1000,\"seq\":1,\"bpm\":60}");
        store.await(s -> s.size() == 1, Duration.ofSeconds(5));
        Thread.sleep(100);
        assertThat(acks).isEmpty();
        assertThat(dispatcher.inFlight()).isEqualTo(1);
        store.release();
        awaitAcks(1);
        assertThat(acks).containsExactly(1);
        assertThat(dispatcher.inFlight()).isZero();
    }

    @ParameterizedTest(name = "{0} worker threads (0: on the MQTT callback thread)")
    @ValueSource(ints = {0, 1})
    void aDuplicateIsNotAcknowledgedBeforeItsOriginalIsStored(int workers) throws Exception {
        dispatcher = dispatcher(workers);
        dispatcher.start();
        store.hold();
        send(1, "d", "{\"ts\":1000,\"seq\":1,\"bpm\":60}");
        send(2, "d", "{\"ts\":1000,\"seq\":1,\"bpm\":60}"); // redelivery: nothing to store
        Thread.sleep(150);
        assertThat(acks).isEmpty();
        store.release();
        awaitAcks(2);
        assertThat(acks).containsExactly(1, 2);
        assertThat(store.samples()).containsExactly(new Sample.HeartRate(new DeviceId("d"), 1000, 60, null, 1L));
    }

    @ParameterizedTest(name = "{0} worker threads (0: on the MQTT callback thread)")
    @ValueSource(ints = {0, 1})
    void refusedSamplesStayUnacknowledgedAndAreOfferedAgainUntilTaken(int workers) throws Exception {
        dispatcher = dispatcher(workers);
        dispatcher.start();
        store.refuseNext(3);
        send(1, "d", "{\"ts\":1000,\"seq\":1,\"bpm\":60}");
        send(2, "d", "{\"ts\":2000,\"seq\":2,\"bpm\":61}");
        awaitAcks(2);
        assertThat(acks).containsExactly(1, 2);
        assertThat(store.refusedCount()).isEqualTo(3);
        // retries may store them in either order; the acks still go out in arrival order
        assertThat(store.samples(Sample.HeartRate.class)).extracting(Sample.HeartRate::bpm)
                .containsExactlyInAnyOrder(60, 61);
        assertThat(meters.get("equilibrium.ingest.store.retries").counter().count()).isEqualTo(3);
    }

    @Test
    void sameDeviceAlwaysGoesToTheSameWorker() {
        IngestDispatcher four = dispatcher(4);
        try {
            int a = four.shard("biofeedback/v1/strap-7/hr");
            assertThat(four.shard("biofeedback/v1/strap-7/gatt/2a37")).isEqualTo(a);
            assertThat(four.shard("biofeedback/v1/strap-7/status")).isEqualTo(a);
        } finally {
            four.close();
        }
    }
}
