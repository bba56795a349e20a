package org.equilibrium.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Simulated heart-rate straps: {@code devices} ids streaming contract {@code hr} JSON at 1 Hz each (QoS 1, seq +1 per
 * message) through a few plain Paho publishers. A message counts as published only once the broker acknowledged it;
 * one the broker did not acknowledge (broker restarting) is sent again with the same seq and ts until it is, so
 * the record of what was published is exact.
 */
final class DeviceFleet implements AutoCloseable {

    /** One published {@code hr} message. */
    record Sent(long tsMs, long seq, int bpm, double rrMs) {
    }

    private final String url;
    private final int devices;
    private final int publishers;
    private final long t0Ms;
    private final Map<String, List<Sent>> sent = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong retries = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    DeviceFleet(String url, int devices, int publishers, long t0Ms) {
        this.url = url;
        this.devices = devices;
        this.publishers = publishers;
        this.t0Ms = t0Ms;
    }

    static String deviceId(int i) {
        return "fault-%03d".formatted(i);
    }

    void start() {
        running.set(true);
        for (int p = 0; p < publishers; p++) {
            int first = p;
            Thread t = new Thread(() -> run(first), "fleet-" + p);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void run(int first) {
        try {
            MqttClient client = new MqttClient(url, "fleet-" + first + "-" + t0Ms, new MemoryPersistence());
            connect(client);
            try {
                for (long seq = 0; running.get(); seq++) {
                    long tickStart = System.currentTimeMillis();
                    for (int d = first; d < devices; d += publishers) {
                        publishOne(client, d, seq);
                    }
                    long sleep = 1000 - (System.currentTimeMillis() - tickStart);
                    if (sleep > 0) {
                        Thread.sleep(sleep);
                    }
                }
            } finally {
                try {
                    client.disconnect();
                } catch (MqttException ignored) {
                    // broker may be gone; the record is complete either way
                }
                client.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failures.add(e);
        }
    }

    /**
     * Publishes {@code rounds} messages per device at once (seq 0 .. rounds-1, device time one second apart) from
     * one client, each acknowledged by the broker before the next: a backlog for a service that is not connected.
     * Not to be mixed with {@link #start()} on the same fleet.
     */
    void publishRounds(int rounds) throws MqttException, InterruptedException {
        MqttClient client = new MqttClient(url, "fleet-burst-" + t0Ms, new MemoryPersistence());
        connect(client);
        try {
            for (long seq = 0; seq < rounds; seq++) {
                for (int d = 0; d < devices; d++) {
                    publishOne(client, d, seq);
                }
            }
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private void publishOne(MqttClient client, int d, long seq) throws InterruptedException {
        String id = deviceId(d);
        // Device time: the seq-th second after t0, so every point has its own timestamp.
        long ts = t0Ms + seq * 1000;
        int bpm = 55 + (int) ((seq + d) % 40);
        double rrMs = Math.round(60_000.0 / bpm * 10) / 10.0;
        String json = "{\"ts\":%d,\"seq\":%d,\"bpm\":%d,\"rr_ms\":[%s],\"contact\":true}"
                .formatted(ts, seq, bpm, Double.toString(rrMs));
        publishUntilAcked(client, "biofeedback/v1/" + id + "/hr", json);
        sent.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(new Sent(ts, seq, bpm, rrMs));
    }

    private void publishUntilAcked(MqttClient client, String topic, String json) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                if (!client.isConnected()) {
                    connect(client);
                }
                MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
                m.setQos(1);
                client.publish(topic, m);
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("broker did not take " + topic + " within 60 s", e);
                }
                retries.incrementAndGet();
                Thread.sleep(200);
            }
        }
    }

    private static void connect(MqttClient client) throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout(5);
        client.connect(o);
    }

    /** Stops publishing and waits for the publishers to finish their current message. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(70_000);
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not stop");
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("publisher failed", failures.get(0));
        }
    }

    Map<String, List<Sent>> sent() {
        return sent;
    }

    long totalSent() {
        return sent.values().stream().mapToLong(List::size).sum();
    }

    long retries() {
        return retries.get();
    }

    int devices() {
        return devices;
    }

    @Override
    public void close() throws InterruptedException {
        if (running.get()) {
            stop();
        }
    }
}
