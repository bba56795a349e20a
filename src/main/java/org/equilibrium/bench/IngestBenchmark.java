package org.equilibrium.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.equilibrium.transport.mqtt.ArrivalCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.equilibrium.devinfra.LocalServer;
import org.equilibrium.devinfra.LocalServers;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Ingest benchmark (a command, not a test): D devices × M contract {@code hr} messages published at
 * QoS 1 as fast as the broker takes them, measured twice in one run on the same Mosquitto:
 * <ol>
 *   <li>broker alone: a subscriber that only counts;</li>
 *   <li>end to end: the service (a child JVM of this jar) ingests them, and the run ends when every
 *       point is queryable in InfluxDB; then every stored value and timestamp is compared with what was
 *       published.</li>
 * </ol>
 * Reports messages/s and points/s of both, their ratio, and the service's CPU per message (from
 * /proc, utime + stime of the child, after an unmeasured warm-up of a fifth of the load) and heap. Figures are meant to be read as ratios of one run.
 */
public final class IngestBenchmark {

    private static final String TOPIC_FORMAT = "biofeedback/v1/%s/hr";
    private static final long START_TS = 1_763_740_800_000L;

    private final int devices;
    private final int messagesPerDevice;
    private final int publishers;
    private final Path jar;

    private IngestBenchmark(int devices, int messagesPerDevice, int publishers, Path jar) {
        this.devices = devices;
        this.messagesPerDevice = messagesPerDevice;
        this.publishers = publishers;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        int devices = 200;
        int messages = 500;
        int publishers = 4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--devices" -> devices = Integer.parseInt(args[++i]);
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--publishers" -> publishers = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: ./equilibrium bench ingest [--devices D (200)] [--messages M per device"
                            + " (500)] [--publishers P (4)]");
                    return;
                }
                default -> {
                    System.err.println("bench ingest: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        Path jar = Path.of(IngestBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            System.err.println("bench ingest: run it from the jar (./equilibrium bench ingest); found " + jar);
            System.exit(2);
        }
        new IngestBenchmark(devices, messages, publishers, jar).run();
    }

    private void run() throws Exception {
        long total = (long) devices * messagesPerDevice;
        Path dir = Files.createTempDirectory("equilibrium-bench-ingest");
        System.out.printf(Locale.ROOT, "ingest benchmark: %d devices x %d hr messages = %d messages (QoS 1), "
                + "%d publisher connections%n", devices, messagesPerDevice, total, publishers);
        try (LocalServer broker = LocalServers.startMosquitto(dir.resolve("mosquitto"));
             LocalServer influx = LocalServers.startInflux(dir.resolve("influxdb"))) {
            // 1. Broker alone.
            double brokerRate = brokerAlone(broker.url(), total, 0);
            System.out.printf(Locale.ROOT, "broker alone:  %,.0f messages/s (subscriber counting only)%n", brokerRate);

            // 2. End to end through the service.
            int httpPort = LocalServers.freePort();
            Process service = startService(broker.url(), influx.url(), dir.resolve("service"), httpPort);
            try {
                awaitMqttUp(httpPort, service);
                InfluxDB db = InfluxDBFactory.connect(influx.url());
                // Warm-up (JIT, connection pools): a fifth of the load, earlier timestamps and seqs, not measured.
                int warmupPerDevice = Math.max(1, messagesPerDevice / 5);
                publishAll(broker.url(), 0L, warmupPerDevice, 0);
                long warmupPoints = 2L * devices * warmupPerDevice;
                if (awaitStored(db, warmupPoints, Duration.ofMinutes(5)) < warmupPoints) {
                    throw new IllegalStateException("warm-up points did not all arrive");
                }
                long cpuBefore = cpuNanos(service.pid());
                long t0 = System.nanoTime();
                publishAll(broker.url(), 1_000_000_000L, messagesPerDevice, warmupPerDevice);
                long expectedPoints = 2 * total;
                long stored = awaitStored(db, expectedPoints + warmupPoints, Duration.ofMinutes(10)) - warmupPoints;
                long elapsedNs = System.nanoTime() - t0;
                long cpuNs = cpuNanos(service.pid()) - cpuBefore;
                double serviceRate = total / (elapsedNs / 1e9);
                long heapBytes = heapUsed(httpPort);
                long mismatches = verify(db);
                System.out.printf(Locale.ROOT, "end to end:    %,.0f messages/s, %,.0f points/s (publish -> queryable "
                        + "in InfluxDB), %d of %d points stored%n", serviceRate, stored / (elapsedNs / 1e9), stored,
                        expectedPoints);
                System.out.printf(Locale.ROOT, "ratio:         %.3f of the broker-alone rate%n",
                        serviceRate / brokerRate);
                System.out.printf(Locale.ROOT, "service CPU:   %.2f us per message (%.1f s CPU in %.1f s)%n",
                        cpuNs / 1e3 / total, cpuNs / 1e9, elapsedNs / 1e9);
                System.out.printf(Locale.ROOT, "service heap:  %s used after the run%n",
                        heapBytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f MiB", heapBytes / 1048576.0));
                System.out.printf(Locale.ROOT, "verification:  %s%n", mismatches == 0
                        ? "every stored bpm, rr_ms and timestamp equals what was published"
                        : mismatches + " points differ from what was published");
                db.close();
                if (mismatches != 0 || stored != expectedPoints) {
                    System.exit(1);
                }
            } finally {
                service.destroy();
                if (!service.waitFor(15, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
    }

    /** Publishes everything and returns the subscriber's receive rate. */
    private double brokerAlone(String url, long total, long tsOffset) throws Exception {
        MqttAsyncClient sub = new MqttAsyncClient(url, "bench-counter", new MemoryPersistence());
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        AtomicLong firstNs = new AtomicLong();
        AtomicLong lastNs = new AtomicLong();
        sub.setCallback(new CountingCallback(received, total, firstNs, lastNs, done));
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(65535);
        sub.connect(o).waitForCompletion(10_000);
        sub.subscribe(new MqttSubscription[] {new MqttSubscription("biofeedback/v1/+/hr", 1)}).waitForCompletion(10_000);
        long t0 = System.nanoTime();
        publishAll(url, tsOffset);
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("subscriber got only " + received.get() + " of " + total);
        }
        long elapsed = lastNs.get() - t0;
        sub.disconnect().waitForCompletion(5_000);
        sub.close();
        return total / (elapsed / 1e9);
    }

    private void publishAll(String url, long tsOffset) throws Exception {
        publishAll(url, tsOffset, messagesPerDevice, 0);
    }

    private void publishAll(String url, long tsOffset, int perDevice, int seqBase) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int lane = p;
            Thread t = new Thread(() -> {
                try {
                    publishLane(url, lane, tsOffset, perDevice, seqBase);
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "bench-publisher-" + p);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    private void publishLane(String url, int lane, long tsOffset, int perDevice, int seqBase) throws Exception {
        MqttAsyncClient pub = new MqttAsyncClient(url, "bench-pub-" + lane + "-" + tsOffset, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        pub.connect(o).waitForCompletion(10_000);
        int inflight = 500;
        Semaphore window = new Semaphore(inflight);
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                window.release();
            }
        };
        for (int m = 0; m < perDevice; m++) {
            for (int d = lane; d < devices; d += publishers) {
                MqttMessage msg = new MqttMessage(payload(d, m, tsOffset, seqBase));
                msg.setQos(1);
                window.acquire();
                while (true) {
                    try {
                        pub.publish(String.format(Locale.ROOT, TOPIC_FORMAT, deviceId(d)), msg, null, release);
                        break;
                    } catch (MqttException e) {
                        if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        Thread.sleep(1);
                    }
                }
            }
        }
        window.acquire(inflight);
        pub.disconnect().waitForCompletion(10_000);
        pub.close();
    }

    static String deviceId(int d) {
        return "bench-" + d;
    }

    /** Message m of device d: 1 Hz, one RR interval per message, deterministic values. */
    static byte[] payload(int d, int m, long tsOffset, int seqBase) {
        long ts = START_TS + tsOffset + m * 1000L;
        return ("{\"ts\":" + ts + ",\"seq\":" + (seqBase + m) + ",\"bpm\":" + bpm(d, m) + ",\"rr_ms\":[" + rr(d, m)
                + "],\"contact\":true}").getBytes(StandardCharsets.UTF_8);
    }

    static int bpm(int d, int m) {
        return 55 + (d * 7 + m) % 40;
    }

    static String rr(int d, int m) {
        return (600 + (d * 13 + m * 7) % 600) + "." + (m % 10);
    }

    private Process startService(String mqttUrl, String influxUrl, Path dataDir, int httpPort) throws IOException {
        Files.createDirectories(dataDir);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve");
        Map<String, String> env = pb.environment();
        env.put("EQUILIBRIUM_MQTT_URL", mqttUrl);
        env.put("EQUILIBRIUM_MQTT_CLIENT_ID", "equilibrium-bench");
        env.put("EQUILIBRIUM_INFLUX_URL", influxUrl);
        env.put("EQUILIBRIUM_INFLUX_DB", "bench");
        env.put("EQUILIBRIUM_DATA_DIR", dataDir.toString());
        env.put("EQUILIBRIUM_HTTP_PORT", Integer.toString(httpPort));
        env.put("EQUILIBRIUM_ADMIN_PASSWORD", "bench-admin-password");
        pb.redirectErrorStream(true).redirectOutput(dataDir.resolve("service.log").toFile());
        return pb.start();
    }

    private static void awaitMqttUp(int httpPort, Process service) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become ready within 120 s");
    }

    private static long awaitStored(InfluxDB db, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long stored = 0;
        while (System.nanoTime() < deadline) {
            stored = count(db, "heart_rate", "bpm") + count(db, "rr_interval", "rr_ms");
            if (stored >= expected) {
                return stored;
            }
            Thread.sleep(100);
        }
        return stored;
    }

    private static long count(InfluxDB db, String measurement, String field) {
        QueryResult r = db.query(new Query("SELECT count(\"" + field + "\") FROM \"" + measurement + "\"", "bench"));
        if (r.getResults() == null || r.getResults().isEmpty() || r.getResults().get(0).getSeries() == null) {
            return 0;
        }
        Object v = r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1);
        return ((Number) v).longValue();
    }

    /** Compares every stored point with the generator; returns how many differ or are missing. */
    private long verify(InfluxDB db) {
        long bad = 0;
        for (int d = 0; d < devices; d++) {
            String measured = " AND time >= " + (START_TS + 1_000_000_000L) + "ms AND time < "
                    + (START_TS + 2_000_000_000L) + "ms";
            Map<Long, Object> bpm = series(db, "SELECT \"bpm\" FROM \"heart_rate\" WHERE \"device\" = '"
                    + deviceId(d) + "'" + measured);
            Map<Long, Object> rr = series(db, "SELECT \"rr_ms\" FROM \"rr_interval\" WHERE \"device\" = '"
                    + deviceId(d) + "'" + measured);
            for (int m = 0; m < messagesPerDevice; m++) {
                long ts = START_TS + 1_000_000_000L + m * 1000L;
                Object b = bpm.get(ts);
                if (!(b instanceof Number n) || n.intValue() != bpm(d, m)) {
                    bad++;
                }
                Object r = rr.get(ts);
                if (!(r instanceof Number n2) || Math.abs(n2.doubleValue() - Double.parseDouble(rr(d, m))) > 1e-9) {
                    bad++;
                }
            }
            if (bpm.size() != messagesPerDevice || rr.size() != messagesPerDevice) {
                bad += Math.abs(bpm.size() - messagesPerDevice) + Math.abs(rr.size() - messagesPerDevice);
            }
        }
        return bad;
    }

    private static Map<Long, Object> series(InfluxDB db, String q) {
        QueryResult r = db.query(new Query(q, "bench"), TimeUnit.MILLISECONDS);
        Map<Long, Object> out = new HashMap<>();
        if (r.getResults() == null || r.getResults().get(0).getSeries() == null) {
            return out;
        }
        for (List<Object> row : r.getResults().get(0).getSeries().get(0).getValues()) {
            out.put(((Number) row.get(0)).longValue(), row.get(1));
        }
        return out;
    }

    /** utime + stime of a process from /proc (Linux), in ns. */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 10_000_000L; // USER_HZ = 100 on Linux
    }

    private static long heapUsed(int httpPort) {
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\"bench-admin-password\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = jsonString(login.body(), "access_token");
            HttpResponse<String> m = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/metrics/jvm.memory.used?tag=area:heap"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            int i = m.body().indexOf("\"value\":");
            if (i < 0) {
                return -1;
            }
            int j = i + 8;
            int k = j;
            while (k < m.body().length() && "0123456789.E+-".indexOf(m.body().charAt(k)) >= 0) {
                k++;
            }
            return (long) Double.parseDouble(m.body().substring(j, k));
        } catch (Exception e) {
            return -1;
        }
    }

    private static String jsonString(String json, String key) {
        int i = json.indexOf("\"" + key + "\"");
        int s = json.indexOf('"', json.indexOf(':', i) + 1);
        return json.substring(s + 1, json.indexOf('"', s + 1));
    }

    private record CountingCallback(AtomicLong received, long total, AtomicLong firstNs, AtomicLong lastNs,
                                    CountDownLatch done) implements ArrivalCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            long n = received.incrementAndGet();
            long now = System.nanoTime();
            firstNs.compareAndSet(0, now);
            if (n == total) {
                lastNs.set(now);
                done.countDown();
            }
        }





    }
}
