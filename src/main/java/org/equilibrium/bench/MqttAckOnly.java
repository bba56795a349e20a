package org.equilibrium.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.equilibrium.transport.mqtt.MqttClientOptions;
import org.equilibrium.transport.mqtt.MqttIngress;
import org.equilibrium.transport.mqtt.MqttTls;

/**
 * The ingest benchmark's third reference, run as a child JVM: the service's own MQTT connection
 * ({@link MqttIngress}, the service's options: receive maximum 10000, manual acks; but a session that ends
 * with the connection, so the broker queues nothing for it during the next phase) with a
 * listener that acknowledges every message at once. Its CPU per message is the MQTT client's share of the
 * service's, with no decoding and no storage. Prints {@code ready} once subscribed and {@code count N} when
 * each milestone (arguments after the URL) is reached; after the last, exits when its standard input closes.
 */
final class MqttAckOnly {
    private MqttAckOnly() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long[] milestones = Arrays.stream(args, 1, args.length).mapToLong(Long::parseLong).toArray();
        AtomicLong received = new AtomicLong();
        CountDownLatch last = new CountDownLatch(1);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        MqttClientOptions options = new MqttClientOptions(url, "bench-ack-only", null, null, "biofeedback/v1/+/#",
                null, true, Duration.ZERO, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofSeconds(10), MqttTls.defaults());
        MqttIngress ingress = new MqttIngress(options, (message, ack) -> {
            ack.ack();
            long n = received.incrementAndGet();
            for (long m : milestones) {
                if (n == m) {
                    System.out.println("count " + n);
                    System.out.flush();
                }
            }
            if (n == milestones[milestones.length - 1]) {
                last.countDown();
            }
        }, scheduler);
        ingress.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!ingress.status().subscribed()) {
            if (System.nanoTime() > deadline) {
                System.out.println("failed: not subscribed: " + ingress.status().lastError());
                System.exit(1);
            }
            Thread.sleep(20);
        }
        System.out.println("ready");
        System.out.flush();
        last.await();
        // Stay connected until the benchmark has read this process's CPU figures (it closes our stdin).
        while (System.in.read() >= 0) {
            // discard
        }
        ingress.close();
        scheduler.shutdownNow();
    }
}
