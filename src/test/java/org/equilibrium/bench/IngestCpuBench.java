package org.equilibrium.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.equilibrium.decode.DecoderRegistry;
import org.equilibrium.ingest.ContractStreamDecoders;
import org.equilibrium.ingest.DeviceObserver;
import org.equilibrium.ingest.IngestDispatcher;
import org.equilibrium.ingest.IngestLimits;
import org.equilibrium.ingest.IngestListeners;
import org.equilibrium.ingest.IngestMetrics;
import org.equilibrium.ingest.IngestPipeline;
import org.equilibrium.ingest.IngestStats;
import org.equilibrium.ingest.RejectLog;
import org.equilibrium.ingest.TopicParser;
import org.equilibrium.storage.Sample;
import org.equilibrium.storage.SampleStore;
import org.equilibrium.transport.mqtt.InboundMessage;

/**
 * Prints the process CPU per message of the in-service ingest path without MQTT and InfluxDB: enqueue from a
 * producer thread (as Paho's callback would), worker pipeline, store hand-off (a store that completes at
 * once), in-order ack. A command, not a test:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.equilibrium.bench.IngestCpuBench [MESSAGES]
 * </pre>
 */
public final class IngestCpuBench {
    private IngestCpuBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int devices = 1_000;
        AtomicLong stored = new AtomicLong();
        SampleStore store = new SampleStore() {
            @Override
            public CompletionStage<Void> append(List<Sample> samples) {
                stored.addAndGet(samples.size());
                return CompletableFuture.completedFuture(null);
            }
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        IngestLimits limits = IngestLimits.defaults();
        IngestStats stats = new IngestStats();
        IngestMetrics metrics = new IngestMetrics(meters, limits.maxDeviceTags());
        IngestDispatcher dispatcher = new IngestDispatcher(1, 1000, () -> new IngestPipeline(limits,
                new TopicParser("", 256), new ContractStreamDecoders(DecoderRegistry.standard()), stats, metrics,
                new RejectLog(60_000, 1000), DeviceObserver.NONE, new IngestListeners()), store, scheduler, meters,
                "", 1000, Duration.ofMillis(100), Duration.ofSeconds(1));
        dispatcher.start();
        String[] topics = new String[devices];
        for (int d = 0; d < devices; d++) {
            topics[d] = "biofeedback/v1/strap-" + d + "/hr";
        }
        AtomicLong acked = new AtomicLong();
        long ts = 1_763_740_800_000L;
        // warm-up, then measure
        for (int phase = 0; phase < 2; phase++) {
            int n = phase == 0 ? total / 4 : total;
            int base = phase == 0 ? 0 : total / 4 / devices + 1;
            byte[][] payloads = new byte[n][];
            for (int i = 0; i < n; i++) {
                long m = base + i / devices;
                payloads[i] = ("{\"ts\":" + (ts + m * 1950L) + ",\"seq\":" + m + ",\"bpm\":61,\"rr_ms\":[983.4,966.6],"
                        + "\"contact\":true}").getBytes(StandardCharsets.UTF_8);
            }
            long target = acked.get() + n;
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                dispatcher.messageArrived(new InboundMessage(topics[i % devices], payloads[i], 1, false,
                        System.currentTimeMillis(), null), acked::incrementAndGet);
            }
            while (acked.get() < target) {
                Thread.onSpinWait();
            }
            long wall = System.nanoTime() - t0;
            long cpu = cpuNanos() - cpu0;
            if (phase == 1) {
                System.out.printf("messages %d, devices %d: %.0f msg/s, process CPU %.2f us/message (incl. the "
                                + "producer thread and a spinning waiter), %d samples handed to the store%n", n, devices,
                        n / (wall / 1e9), cpu / 1e3 / n, stored.get());
            }
        }
        dispatcher.close();
        scheduler.shutdownNow();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
